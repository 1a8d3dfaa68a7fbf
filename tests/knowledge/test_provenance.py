"""Every packaged data folder says where its data came from and under which licence."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

DATA = Path(str(resources.files("eventcoder.knowledge") / "data"))
FOLDERS = sorted(path.name for path in DATA.iterdir() if path.is_dir() and not path.name.startswith("_"))


def provenance_text(folder: Path) -> str:
    files = sorted(folder.glob("PROVENANCE*")) + sorted(folder.glob("LICENSE*"))
    assert files, f"data/{folder.name} has no PROVENANCE or LICENSE file"
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def test_the_known_folders_are_all_there():
    assert {"actors", "classifier", "places", "triggers", "words"} <= set(FOLDERS)


@pytest.mark.parametrize("folder", FOLDERS)
def test_each_folder_names_its_source_and_licence(folder):
    text = provenance_text(DATA / folder).lower()
    assert "licen" in text, f"data/{folder}: provenance names no licence"
    assert any(name in text for name in ("mit", "cc by")), f"data/{folder}: which licence?"


def test_gazetteer_credits_geonames_under_cc_by():
    text = provenance_text(DATA / "places")
    assert "GeoNames" in text and "CC BY 4.0" in text and "creativecommons.org/licenses/by/4.0" in text


def test_top_level_provenance_covers_every_folder_and_file():
    text = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    loose_files = [path.name for path in DATA.iterdir() if path.is_file() and path.name != "PROVENANCE.md"]
    assert [name for name in [*FOLDERS, *loose_files] if f"`{name}" not in text] == []
