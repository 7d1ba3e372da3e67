"""Shared fixtures: paths to the project's examples and to ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The project's own fictional example story."""
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed articles in ../shared/seeds; skips the test when they are absent."""
    path = SHARED / "seeds"
    if not (path / "gold.json").exists():
        pytest.skip("../shared/seeds is not present")
    return path


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """The evaluation datasets in ../shared/datasets; skips the test when absent."""
    path = SHARED / "datasets"
    if not path.is_dir():
        pytest.skip("../shared/datasets is not present")
    return path
