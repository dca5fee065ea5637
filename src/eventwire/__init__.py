"""eventwire: political event data (CAMEO, PLOVER) from news, with provenance.

The public API is small: :func:`code_text` for one article, :class:`Pipeline` for
batches. Heavy modules (spaCy) load lazily so ``import eventwire`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
