"""FetchSettings: the limits and identity every source reads from."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Any

from storyline import config
from storyline.errors import ConfigError

_DEFAULTS = {s.name: s.default for s in config.SETTINGS}


def _version() -> str:
    try:
        return metadata.version("storyline")
    except metadata.PackageNotFoundError:
        return "0"


# Name the tool honestly (no browser or crawler impersonation) so a site can see who is asking.
DEFAULT_USER_AGENT = f"storyline/{_version()} (news article reader; fetches only the URLs its user gives)"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits for reading documents: HTTP timeout and size caps, and the User-Agent sent."""

    timeout: float = float(_DEFAULTS["fetch_timeout"])
    max_bytes: int = int(_DEFAULTS["fetch_max_bytes"])
    max_document_bytes: int = int(_DEFAULTS["max_document_bytes"])
    user_agent: str = DEFAULT_USER_AGENT
    # A server fetching URLs for others must not reach its own network (SSRF): only public addresses.
    public_only: bool = False

    @classmethod
    def from_config(
        cls,
        *,
        fetch_timeout: str | None = None,
        fetch_max_bytes: str | None = None,
        max_document_bytes: str | None = None,
    ) -> FetchSettings:
        """Build settings from flags, then STORYLINE_* environment variables, then defaults."""
        return cls(
            timeout=_positive("fetch_timeout", config.get("fetch_timeout", fetch_timeout), float),
            max_bytes=_positive("fetch_max_bytes", config.get("fetch_max_bytes", fetch_max_bytes), int),
            max_document_bytes=_positive(
                "max_document_bytes", config.get("max_document_bytes", max_document_bytes), int
            ),
        )


def _positive(name: str, value: str, kind: type[int] | type[float]) -> Any:
    try:
        number = kind(value.strip())
    except ValueError:
        raise ConfigError(name, f"not a number: {value!r}") from None
    if number <= 0:
        raise ConfigError(name, f"must be greater than zero, got {value!r}")
    return number
