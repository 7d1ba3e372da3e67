"""Link fixtures: a fresh store to add hand-made articles to (see link_builders.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from link_builders import World

from storyline.store import open_store


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """A fresh store to add hand-made articles to."""
    with open_store(str(tmp_path / "link.db")) as store:
        yield World(store)
