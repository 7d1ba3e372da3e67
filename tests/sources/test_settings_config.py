"""FetchSettings from flags, environment and defaults."""

from __future__ import annotations

import pytest

from storyline import config
from storyline.errors import ConfigError
from storyline.sources import FetchSettings


def test_settings_defaults_follow_the_config_table() -> None:
    defaults = {s.name: s.default for s in config.SETTINGS}
    settings = FetchSettings()
    assert settings.timeout == float(defaults["fetch_timeout"])
    assert settings.max_bytes == int(defaults["fetch_max_bytes"])
    assert settings.max_document_bytes == int(defaults["max_document_bytes"])
    assert settings.user_agent.startswith("storyline/")


def test_settings_flag_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYLINE_FETCH_TIMEOUT", "7.5")
    monkeypatch.setenv("STORYLINE_FETCH_MAX_BYTES", "1000")
    settings = FetchSettings.from_config(fetch_max_bytes="2000")
    assert (settings.timeout, settings.max_bytes) == (7.5, 2000)


@pytest.mark.parametrize("value", ["soon", "0", "-3"])
def test_settings_bad_values_are_config_errors(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("STORYLINE_MAX_DOCUMENT_BYTES", value)
    with pytest.raises(ConfigError) as caught:
        FetchSettings.from_config()
    assert caught.value.document == "max_document_bytes"
