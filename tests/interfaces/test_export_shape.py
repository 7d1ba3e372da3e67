"""The export of an empty or unlinked store: every part present, empty, JSON-ready."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.interfaces.export import export_json, export_view
from storyline.store import open_store


def test_empty_store_exports_empty_parts(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        view = export_view(store)
        assert json.loads(export_json(store)) == view
    for part in ("articles", "entities", "quotes", "figures", "stories", "timeline", "series", "stances"):
        assert view[part] == [], part
    assert view["changes"]["contradictions"] == [] and view["changes"]["new"] is None
