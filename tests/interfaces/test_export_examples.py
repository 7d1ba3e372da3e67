"""The cross-article export of the example story, against its answer key (examples/README.md)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storyline.interfaces.export import export_json, export_view
from storyline.link.linker import link_pending
from storyline.store import open_store


@pytest.fixture(scope="module")
def view(story_db: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example story linked (in a copy of the shared store) and exported."""
    copy = tmp_path_factory.mktemp("linked") / "story.db"
    with sqlite3.connect(story_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with open_store(str(copy)) as store:
        report = link_pending(store)
        assert report.linked == 13 and not report.failed
        text = export_json(store)
        assert json.loads(text) == export_view(store)  # JSON-ready and stable
        return json.loads(text)


def by_name(view: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [e for e in view["entities"] if e["name"] == name]


def test_export_has_every_part(view: dict[str, Any]) -> None:
    parts = {"articles", "entities", "quotes", "figures", "stories", "timeline", "timelines", "series",
             "stances", "changes"}
    assert parts <= set(view)
    ids = {a["id"] for a in view["articles"]}
    assert len(ids) == 13
    for e in view["entities"]:
        assert set(e["articles"]) <= ids
    known = {e["id"] for e in view["entities"]}
    assert all(q["speaker"]["entity"] in known for q in view["quotes"] if q["speaker"]["entity"])


def test_the_two_hales_stay_apart(view: dict[str, Any]) -> None:
    tomas, ruth = by_name(view, "Tomas Hale"), by_name(view, "Ruth Hale")
    assert len(tomas) == 1 and len(ruth) == 1
    assert len(tomas[0]["articles"]) >= 5 and len(ruth[0]["articles"]) >= 4
    assert "Mr Hale" in tomas[0]["aliases"] and "Mr Hale" not in ruth[0]["aliases"]
    assert "Ms Hale" in ruth[0]["aliases"] and "Ms Hale" not in tomas[0]["aliases"]


def test_the_main_actors_are_one_entity_each(view: dict[str, Any]) -> None:
    for name in ("Ilse Marren", "Dorin Vasek", "Nadia Korvel", "Amaru Quispe", "United Nations"):
        assert len(by_name(view, name)) == 1, name
    assert len(by_name(view, "Ilse Marren")[0]["articles"]) >= 8


def test_the_disputed_toll_of_march_5_is_a_contradiction(view: dict[str, Any]) -> None:
    clashes = [c for c in view["changes"]["contradictions"] if c["as_of"] == "2025-03-05"]
    assert clashes
    values = {(p["value"], p["qualifier"]) for c in clashes for p in c["points"]}
    assert (31, "exact") in values and (40, "at least") in values


def test_the_death_toll_series_rises_in_date_order(view: dict[str, Any]) -> None:
    tolls = [s for s in view["series"] if "death" in s["measure"]["concept"]]
    assert tolls
    points = max(tolls, key=lambda s: len(s["points"]))["points"]
    days = [p["as_of"] for p in points]
    assert days == sorted(days)
    assert {12, 19, 31, 47, 53} <= {p["value"] for p in points}


def test_one_story_and_a_dated_timeline(view: dict[str, Any]) -> None:
    assert max(len(s["articles"]) for s in view["stories"]) >= 10
    days = [e["date"]["value"] for e in view["timeline"]]
    assert days == sorted(days) and days[0].startswith("2025-03-0")
    assert any(len(e["sources"]) > 1 for e in view["timeline"])


def test_export_is_deterministic(story_db: str, tmp_path: Path, view: dict[str, Any]) -> None:
    copy = tmp_path / "again.db"
    with sqlite3.connect(story_db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with open_store(str(copy)) as store:
        link_pending(store)
        assert json.loads(export_json(store)) == view
