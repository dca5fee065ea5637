"""Copy the dashboard's front-end packages from web/node_modules into the served
static folder (src/eventwire/web/static/vendor), with each package's licence.

Run after ``npm ci --prefix web``. The copy is rewritten only where needed so no
served file names another host: source-map comments are dropped, and URLs in the
packages' banner comments (and Leaflet's attribution link) are replaced by the
package name. Anything else that still looks like a URL to another host fails the
build, so an upgrade that adds one is caught here rather than in a browser.

Usage: python scripts/build_web.py
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "web" / "node_modules"
VENDOR = REPO / "src" / "eventwire" / "web" / "static" / "vendor"

# XML namespace identifiers are names, never fetched.
ALLOWED_URLS = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")
# An absolute URL, or a protocol-relative one right after a quote, "(" or "=".
URL = re.compile(r"""(?:https?:|(?<=["'(=]))//[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s"'()<>]*""")
SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$", re.MULTILINE)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
BANNER = re.compile(r"\A(/\*.*?\*/|(?://[^\n]*\n)+)", re.DOTALL)
LEAFLET_PREFIX_LINK = 'href="https://leafletjs.com" '


@dataclass(frozen=True)
class VendoredPackage:
    """One npm package: which of its files are served, under which names."""

    name: str
    files: tuple[tuple[str, str], ...]  # (path in the package, path under vendor/<name>)
    licence_file: str = "LICENSE"


PACKAGES = (
    VendoredPackage(
        "leaflet",
        (
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
        ),
    ),
    VendoredPackage(
        "topojson-client", (("dist/topojson-client.min.js", "topojson-client.min.js"),)
    ),
    VendoredPackage(
        "uplot",
        (("dist/uPlot.iife.min.js", "uPlot.iife.min.js"), ("dist/uPlot.min.css", "uPlot.min.css")),
    ),
    VendoredPackage("world-atlas", (("countries-50m.json", "countries-50m.json"),)),
)


class BuildError(Exception):
    """The front-end packages cannot be vendored (missing install, unexpected content)."""


def _clean_script(package: str, text: str) -> str:
    """Drop the source-map comment and the URLs of the leading licence banner."""
    text = SOURCE_MAP.sub("", text).rstrip() + "\n"
    banner = BANNER.match(text)
    if banner:
        cleaned = URL.sub(package, banner.group(0))
        text = cleaned + text[banner.end() :]
    if package == "leaflet":
        if text.count(LEAFLET_PREFIX_LINK) != 1:
            raise BuildError("leaflet.js: attribution link not found; check the pinned version")
        text = text.replace(LEAFLET_PREFIX_LINK, "")
    return text


def _clean_stylesheet(text: str) -> str:
    """Drop the comments that cite bug trackers (CSS comments are never needed)."""
    return CSS_COMMENT.sub(lambda m: "" if URL.search(m.group(0)) else m.group(0), text)


def foreign_urls(text: str) -> list[str]:
    """URLs in ``text`` that point at another host (namespace identifiers excepted)."""
    return [url for url in URL.findall(text) if not url.startswith(ALLOWED_URLS)]


def _version(package_dir: Path) -> str:
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    return str(manifest["version"])


def build(node_modules: Path = NODE_MODULES, vendor: Path = VENDOR) -> dict[str, str]:
    """Vendor every package; return ``{name: version}`` of what was copied."""
    if not node_modules.is_dir():
        raise BuildError(
            f"{node_modules} is missing: run `npm ci --prefix web` first (needs node and npm)"
        )
    if vendor.exists():
        shutil.rmtree(vendor)
    versions: dict[str, str] = {}
    for package in PACKAGES:
        source_dir = node_modules / package.name
        if not source_dir.is_dir():
            raise BuildError(f"{source_dir} is missing: run `npm ci --prefix web` again")
        target_dir = vendor / package.name
        target_dir.mkdir(parents=True)
        for source_name, target_name in (*package.files, (package.licence_file, "LICENSE")):
            source = source_dir / source_name
            if not source.is_file():
                raise BuildError(f"{source} is missing from the installed package")
            text = source.read_text(encoding="utf-8")
            if target_name.endswith(".js"):
                text = _clean_script(package.name, text)
            elif target_name.endswith(".css"):
                text = _clean_stylesheet(text)
            if target_name != "LICENSE" and (urls := foreign_urls(text)):
                raise BuildError(f"{package.name}/{target_name} names other hosts: {urls[:3]}")
            (target_dir / target_name).write_text(text, encoding="utf-8")
        versions[package.name] = _version(source_dir)
    (vendor / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    return versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    try:
        versions = build()
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    listed = ", ".join(f"{name} {version}" for name, version in versions.items())
    print(f"vendored into {VENDOR.relative_to(REPO)}: {listed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
