"""Bytes to text, and the checks that tell text from junk.

Decoding order: a BOM decides (UTF-8, UTF-16, UTF-32); otherwise strict UTF-8;
otherwise cp1252 (then latin-1 for the five bytes cp1252 leaves undefined), but
only when the result still looks like prose. The fallback is not recorded on the
article: ``Decoded.encoding`` says which codec won for callers that care.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab/newline/vertical tab/form feed/CR, DEL, and C1 controls.
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# More control characters than this share of the text means binary junk.
MAX_CONTROL_SHARE = 0.02
# A legacy-codec fallback must give text that is at least this share plain ASCII.
MIN_ASCII_SHARE_FALLBACK = 0.7


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, or the reason it could not be."""

    text: str | None
    encoding: str | None
    reason: str | None = None
    detail: str = ""


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """Replace lone UTF-16 surrogates with U+FFFD.

    JSON may escape half a surrogate pair (``"\\ud800"``); Python keeps it as a
    character that no UTF-8 encoder, hash or database accepts, so it is mended at
    the reader instead of failing far downstream.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def text_problem(text: str) -> tuple[str, str] | None:
    """``(reason, detail)`` when ``text`` is empty or binary junk, else None."""
    if not text.strip():
        return "empty", "the text is empty or only whitespace"
    if "\x00" in text:
        return "binary", "the text contains NUL bytes (binary data?)"
    controls = len(_BAD_CONTROL.findall(text))
    if controls > MAX_CONTROL_SHARE * len(text):
        return "binary", f"{controls} control characters in {len(text)} (binary data?)"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file; never raises."""
    if not data.strip():
        return Decoded(None, None, "empty", "the file is empty or only whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                return Decoded(None, None, "encoding", f"{codec} BOM but undecodable: {exc}")
    if b"\x00" in data:
        return Decoded(None, None, "binary", "the file contains NUL bytes (binary data?)")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text, codec = _legacy_decode(data)
    if _ascii_share(text) < MIN_ASCII_SHARE_FALLBACK or text_problem(text) is not None:
        return Decoded(
            None, None, "encoding", "not UTF-8/UTF-16, and cp1252/latin-1 does not give text"
        )
    return Decoded(text, codec)


def _checked(text: str, codec: str) -> Decoded:
    problem = text_problem(text)
    if problem is not None:
        return Decoded(None, None, problem[0], problem[1])
    return Decoded(text, codec)


def _legacy_decode(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _ascii_share(text: str) -> float:
    if not text:
        return 0.0
    return len(text.encode("ascii", "ignore")) / len(text)
