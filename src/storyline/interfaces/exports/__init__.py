"""Exports for the tools analysts already use: JSON Lines, CSV tables, GraphML, FollowTheMoney, PLOVER.

``EXPORTERS[fmt](store, directory)`` writes one format's files into ``directory`` and returns
their paths; ``STREAMS[fmt](store, out)`` writes a single-file format to an open text stream
(stdout). Every export is deterministic: same store, same bytes. Run the linker first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

from storyline.interfaces.exports.csv_tables import write_csv_tables
from storyline.interfaces.exports.ftm import write_ftm
from storyline.interfaces.exports.graphml import write_graphml
from storyline.interfaces.exports.jsonl import write_jsonl
from storyline.interfaces.exports.plover import write_plover
from storyline.store import Store

StreamExporter = Callable[[Store, TextIO], None]
Exporter = Callable[[Store, Path], list[Path]]

STREAMS: MappingProxyType[str, StreamExporter] = MappingProxyType(
    {"jsonl": write_jsonl, "graphml": write_graphml, "ftm": write_ftm, "plover": write_plover}
)
FILE_NAMES = MappingProxyType(
    {
        "jsonl": "analyses.jsonl",
        "graphml": "actors.graphml",
        "ftm": "entities.ftm.json",
        "plover": "events.plover.jsonl",
    }
)


def _to_file(fmt: str) -> Exporter:
    def export(store: Store, directory: Path) -> list[Path]:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / FILE_NAMES[fmt]
        with path.open("w", encoding="utf-8", newline="\n") as out:
            STREAMS[fmt](store, out)
        return [path]

    export.__doc__ = f"Write the {fmt} export of ``store`` into ``directory``; return the file written."
    return export


EXPORTERS: MappingProxyType[str, Exporter] = MappingProxyType(
    {"csv": write_csv_tables, **{fmt: _to_file(fmt) for fmt in STREAMS}}
)


def export_to(store: Store, fmt: str, directory: Path) -> list[Path]:
    """Write the ``fmt`` export of ``store`` into ``directory`` and return the files written."""
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r} (known: {', '.join(sorted(EXPORTERS))})")
    return EXPORTERS[fmt](store, directory)
