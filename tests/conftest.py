"""Shared fixtures: paths to the project's examples and to ../shared (skipped when absent)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--update-golden``: rewrite golden files from the current output (then read the diff)."""
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/golden/* from the output.")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites the golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


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
def seed_scorer(seeds_dir: Path) -> ModuleType:
    """The shared scorer (../shared/tools/score.py) as a module; skips the test when it is absent."""
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        pytest.skip("../shared/tools/score.py is not present")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    """The evaluation datasets in ../shared/datasets; skips the test when absent."""
    path = SHARED / "datasets"
    if not path.is_dir():
        pytest.skip("../shared/datasets is not present")
    return path
