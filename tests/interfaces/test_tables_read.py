"""The CLI read tables on the linked example store: rows present, filters narrow them."""

from __future__ import annotations

from storyline.interfaces import tables
from storyline.store import Store


def test_tables_have_rows(linked_store: Store) -> None:
    for build in (tables.stories_table, tables.timeline_table, tables.quotes_table,
                  tables.figures_table, tables.stances_table):  # fmt: skip
        assert build(linked_store).row_count > 0, build.__name__


def test_tables_filters_narrow(linked_store: Store) -> None:
    every = tables.quotes_table(linked_store).row_count
    speaker = tables.quotes_table(linked_store).columns[1]._cells[0].plain
    narrowed = tables.quotes_table(linked_store, speaker=speaker).row_count
    assert 0 < narrowed < every
    assert tables.quotes_table(linked_store, speaker="no such speaker zzz").row_count == 0
    series = tables.figures_table(linked_store).columns[0]._cells[0].plain
    assert tables.figures_table(linked_store, series=series).row_count >= 2
    topic = tables.stances_table(linked_store).columns[0]._cells[0].plain
    assert tables.stances_table(linked_store, topic=topic).row_count >= 1
    story = tables.stories_table(linked_store).columns[0]._cells[0].plain
    every_event = tables.timeline_table(linked_store).row_count
    assert tables.timeline_table(linked_store, story=story).row_count == every_event
    assert tables.timeline_table(linked_store, story="nope").row_count == 0
