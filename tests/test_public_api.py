"""The package's import direction: stages import only stages before them."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
ORDER = ["errors", "ids", "model", "config", "sources", "extract", "analyze", "store", "runner", "link",
         "evaluate", "interfaces"]


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "storyline" else None


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_imports_point_one_way() -> None:
    bad = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        own = rel.parts[0].removesuffix(".py") if rel.parts[0] != "__init__.py" else None
        if own is None or own not in ORDER:
            continue
        for module in _imports(path):
            stage = _stage(module)
            if stage in ORDER and ORDER.index(stage) > ORDER.index(own):
                bad.append(f"{rel} imports {module}")
    assert not bad, "imports against the data flow:\n" + "\n".join(bad)


def test_core_stages_do_not_import_interface_libraries() -> None:
    bad = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in ("interfaces", "evaluate"):
            continue
        for module in _imports(path):
            if module.split(".")[0] in ("typer", "rich", "fastapi"):
                bad.append(f"{rel} imports {module}")
    assert not bad, "\n".join(bad)


def test_all_is_sorted_complete_and_resolves() -> None:
    import storyline

    assert storyline.__all__ == sorted(storyline.__all__)
    assert set(storyline.__all__) == set(storyline._EXPORTS)
    for name in storyline.__all__:
        assert getattr(storyline, name) is not None, name


def test_listing_commands_do_not_import_spacy() -> None:
    import subprocess
    import sys

    code = "import sys, storyline.interfaces.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
