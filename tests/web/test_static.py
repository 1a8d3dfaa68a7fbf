"""The explorer's shipped files: third-party files are the ones PROVENANCE.md names, and the
project's own pages and script name no other host."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import eventcoder.web

WEB = Path(eventcoder.web.__file__).parent
STATIC = WEB / "static"


def provenance_rows() -> list[tuple[str, str]]:
    text = (STATIC / "PROVENANCE.md").read_text(encoding="utf-8")
    return re.findall(r"^\| (vendor/\S+) \|.*\| ([0-9a-f]{64}) \|$", text, flags=re.MULTILINE)


def test_every_vendor_file_is_listed_with_its_hash():
    rows = provenance_rows()
    shipped = {f"vendor/{path.name}" for path in (STATIC / "vendor").iterdir() if not path.name.startswith("LICENSE")}
    assert {name for name, _ in rows} == shipped
    for name, digest in rows:
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest, name


def test_every_vendor_file_ships_with_its_licence():
    for package in ("vega", "vega-lite", "vega-embed", "world-atlas"):
        assert (STATIC / "vendor" / f"LICENSE.{package}").stat().st_size > 200


def test_own_templates_and_script_name_no_other_host():
    own = [*(WEB / "templates").glob("*.html"), STATIC / "explorer.js", STATIC / "explorer.css"]
    for path in own:
        assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", path.read_text(encoding="utf-8")), path.name


def test_templates_never_switch_escaping_off():
    for path in (WEB / "templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, path.name
