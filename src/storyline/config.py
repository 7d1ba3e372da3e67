"""Settings: name, default and help in one table; flag > environment > default."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    """One documented setting."""

    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        """Return the environment variable that overrides this setting."""
        return "STORYLINE_" + self.name.upper()


SETTINGS = (
    Setting("db", "storyline.db", "Store: a SQLite file path or an SQLAlchemy URL."),
    Setting("fetch_timeout", "20", "Seconds before an HTTP fetch gives up."),
    Setting("fetch_max_bytes", str(20 * 1024 * 1024), "Largest HTTP response body accepted, in bytes."),
    Setting("max_document_bytes", str(64 * 1024 * 1024), "Largest local document accepted, in bytes."),
    Setting("config", "", "TOML file choosing the analysis model, components and their options."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, flag: str | None = None) -> str:
    """Return a setting's value: the flag if given, else the environment, else the default."""
    if flag is not None:
        return flag
    s = _BY_NAME[name]
    return os.environ.get(s.env, s.default)
