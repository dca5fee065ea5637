"""Country codes: CAMEO kept older codes for two countries that ISO 3166 has renamed.

Actor codes stay CAMEO (``TMPGOV``); the gazetteer and many gold files speak ISO.
"""

from __future__ import annotations

from types import MappingProxyType

CAMEO_TO_ISO = MappingProxyType({"TMP": "TLS", "KSV": "XKX"})
ISO_TO_CAMEO = MappingProxyType({iso: cameo for cameo, iso in CAMEO_TO_ISO.items()})
# CAMEO families of actors that belong to no one country: intergovernmental and
# non-governmental organisations, transnational armed groups, multinationals.
TRANSNATIONAL_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC"})
