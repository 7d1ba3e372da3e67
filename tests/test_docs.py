"""Every command has help and is shown in the README; every setting is documented there."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from storyline.config import SETTINGS
from storyline.interfaces.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: typer.Typer, prefix: str = "") -> list[tuple[str, object]]:
    click_group = typer.main.get_command(group)
    found = []
    for name, cmd in click_group.commands.items():  # type: ignore[attr-defined]
        found.append((f"{prefix}{name}", cmd))
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            found.append((f"{prefix}{name} {sub_name}", sub))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(app))
def test_command_has_help_and_is_in_the_readme(name: str, command: object) -> None:
    assert getattr(command, "help", None), f"storyline {name} has no help"
    assert f"storyline {name}" in README, f"README does not show `storyline {name}`"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_setting_is_documented(setting: object) -> None:
    assert setting.env in README, f"README does not document {setting.env}"
