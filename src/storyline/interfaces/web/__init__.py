"""web: the HTML pages of the UI (articles, stories, actors, figure series), templates and static files.

Article text and metadata are untrusted: templates autoescape everything,
pages carry no inline script, and facts reach the page's script as JSON
encoded by ``highlight.json_for_script``.
"""

from __future__ import annotations

from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

__all__ = ["STATIC_DIR", "TEMPLATES_DIR"]
