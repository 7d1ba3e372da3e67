"""FollowTheMoney-style entities (the Aleph / OpenSanctions model): one JSON object per line.

``{"id", "schema", "properties": {"name": [...], "alias": [...], "position": [...], "sourceUrl": [...]}}``
— FtM properties are always lists of strings. People are ``Person``; organisations ``Organization``,
or ``PublicBody`` / ``Company`` when their name says so; places ``Address`` (``full`` = the name).
Groups named by nationality or religion (NORP) are not FtM entities and are left out; FtM's
``country`` wants ISO codes, which the linker does not assign, so it is not written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

from storyline.interfaces.exports.linked import Linked, load_linked
from storyline.store import Store

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Generic words that make an organisation a state body or a company, in any country.
PUBLIC_BODY = re.compile(
    r"\b(ministry|minist[eè]re|department|agency|authority|government|parliament|senate|congress|"
    r"council|commission|court|police|army|armed forces|navy|air force|office of|bureau|"
    r"directorate|inspectorate|municipality|assembly)\b",
    re.IGNORECASE,
)
COMPANY = re.compile(
    r"\b(inc|ltd|llc|plc|corp|corporation|company|co|gmbh|ag|sa|s\.a|nv|bv|spa|group|holdings)\.?$",
    re.IGNORECASE,
)


def ftm_schema(entity_type: str, name: str) -> str | None:
    """Return the FtM schema for a linked entity of ``entity_type`` named ``name`` (None: not exported)."""
    if entity_type == "PERSON":
        return "Person"
    if entity_type == "ORG":
        if PUBLIC_BODY.search(name):
            return "PublicBody"
        if COMPANY.search(name):
            return "Company"
        return "Organization"
    if entity_type in PLACE_TYPES:
        return "Address"
    return None


def ftm_entities(linked: Linked) -> Iterator[dict[str, Any]]:
    """Yield one FtM entity per exportable linked entity, by id."""
    for e in sorted(linked.view["entities"], key=lambda e: e["id"]):
        schema = ftm_schema(e["type"], e["name"])
        if schema is None:
            continue
        props: dict[str, list[str]] = {"name": [e["name"]]}
        aliases = sorted(a for a in e["aliases"] if a != e["name"])
        if aliases:
            props["alias"] = aliases
        if schema == "Person":
            positions = sorted({r["title"] + (f" of {r['of']}" if r.get("of") else "") for r in e["roles"]})
            if positions:
                props["position"] = positions
        if schema == "Address":
            props["full"] = [e["name"]]
        urls = sorted({u for a in e["articles"] if (u := linked.urls.get(a)) and u.startswith(("http://", "https://"))})
        if urls:
            props["sourceUrl"] = urls
        yield {"id": f"storyline-{e['id']}", "schema": schema, "properties": props}


def write_ftm(store: Store, out: TextIO) -> None:
    """Write the linked entities of ``store`` as FtM JSON lines to ``out``."""
    for entity in ftm_entities(load_linked(store)):
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
