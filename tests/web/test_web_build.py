"""The served front-end files: no other host named anywhere, no inline script,
handler or style, article text never parsed as HTML; and the vendoring script."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "src" / "eventwire" / "web" / "static"
NODE_MODULES = REPO / "web" / "node_modules"
SERVED_SUFFIXES = {".html", ".js", ".css", ".json", ".svg"}


def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_web", REPO / "scripts" / "build_web.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_web"] = module
    spec.loader.exec_module(module)
    return module


build_web = _load_build_script()


def _served_files() -> list[Path]:
    return sorted(p for p in STATIC.rglob("*") if p.is_file() and p.suffix in SERVED_SUFFIXES)


def test_no_served_file_names_another_host() -> None:
    files = _served_files()
    assert any(p.name == "index.html" for p in files)
    offenders = {
        str(p.relative_to(STATIC)): urls
        for p in files
        if (urls := build_web.foreign_urls(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_url_check_catches_hosts_but_not_namespaces() -> None:
    text = (
        r'fetch("https://cdn.example.com/x.js"); svg("http://www.w3.org/2000/svg"); '
        r"url(//tiles.example.net/a) /a\/\//i.test(s)"
    )
    assert build_web.foreign_urls(text) == ["https://cdn.example.com/x.js", "//tiles.example.net/a"]


def test_index_has_no_inline_script_handler_or_style() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL | re.IGNORECASE)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+\s*=", html, re.IGNORECASE)
    assert not re.search(r"<style\b|\sstyle\s*=", html, re.IGNORECASE)


def test_own_scripts_never_parse_strings_as_html() -> None:
    own = [p for p in STATIC.rglob("*.js") if "vendor" not in p.parts]
    assert len(own) >= 5
    banned = re.compile(
        r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function"
    )
    assert {str(p.name): banned.findall(p.read_text(encoding="utf-8")) for p in own} == {
        str(p.name): [] for p in own
    }


def test_build_fails_clearly_without_node_modules(tmp_path: Path) -> None:
    with pytest.raises(build_web.BuildError, match="npm ci --prefix web"):
        build_web.build(node_modules=tmp_path / "missing", vendor=tmp_path / "vendor")


@pytest.mark.skipif(
    not NODE_MODULES.is_dir(), reason="web/node_modules missing: npm ci --prefix web"
)
def test_build_vendors_each_package_with_its_licence(tmp_path: Path) -> None:
    vendor = tmp_path / "vendor"
    versions = build_web.build(node_modules=NODE_MODULES, vendor=vendor)
    assert set(versions) == {package.name for package in build_web.PACKAGES}
    for package in build_web.PACKAGES:
        assert (vendor / package.name / "LICENSE").read_text(encoding="utf-8").strip()
        for _, target in package.files:
            text = (vendor / package.name / target).read_text(encoding="utf-8")
            assert "sourceMappingURL" not in text
            assert build_web.foreign_urls(text) == []
