"""House rules that a reader should be able to trust, checked by reading the source."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "kcc"
SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(TABLE|VIEW|SEQUENCE)|DROP\s+TABLE)\b",
    re.IGNORECASE | re.DOTALL,
)


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", [p for p in _python_files(CORE) if "ui" not in p.relative_to(CORE).parts], ids=str
)
def test_core_never_imports_streamlit(path: Path) -> None:
    streamlit = {m for m in _imported_modules(path) if m.split(".")[0] == "streamlit"}
    assert not streamlit, f"{path.relative_to(ROOT)} imports {streamlit}; only kcc/ui/ may"


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in _python_files(CORE) + _python_files(ROOT / "pages") + [ROOT / "app.py"]
     if p != CORE / "store.py"],
    ids=str,
)
def test_sql_lives_only_in_the_store(path: Path) -> None:
    hits = [(line, text[:60]) for line, text in _string_constants(path) if SQL.search(text)]
    assert not hits, f"SQL outside kcc/store.py in {path.relative_to(ROOT)}: {hits}"


def test_pages_folder_holds_only_pages() -> None:
    for path in _python_files(ROOT / "pages"):
        source = path.read_text(encoding="utf-8")
        assert "init_page(" in source, f"{path.name} must start with init_page (AppTest runs pages alone)"


def test_every_page_is_in_the_navigation() -> None:
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for path in _python_files(ROOT / "pages"):
        assert f'_page("{path.stem}"' in app, f"pages/{path.name} is not in app.py's navigation"


def test_set_page_config_only_in_app() -> None:
    for path in _python_files(ROOT / "pages") + _python_files(CORE):
        assert "set_page_config" not in path.read_text(encoding="utf-8"), path
