"""House rules that a reader should be able to trust, checked by reading the source."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "kcc"
STORE = CORE / "store"
SQL = re.compile(
    r"\b(SELECT\s+.+\s+FROM|INSERT\s+(OR\s+REPLACE\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET"
    r"|CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?(TABLE|VIEW|SEQUENCE)|DROP\s+TABLE"
    r"|ALTER\s+TABLE)\b",
    re.IGNORECASE | re.DOTALL,
)
#: Methods that run SQL on a DuckDB connection, cursor or relation.
SQL_METHODS = frozenset({"execute", "executemany", "sql"})


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


def _hidden_imports(source: str) -> list[int]:
    """Lines of imports inside a function that give no reason (a comment on that line or
    the line above)."""
    lines = source.splitlines()
    hidden = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    here, above = lines[inner.lineno - 1], lines[inner.lineno - 2] if inner.lineno > 1 else ""
                    if "#" not in here and not above.strip().startswith("#"):
                        hidden.append(inner.lineno)
    return sorted(set(hidden))


@pytest.mark.parametrize(
    "path", [*_python_files(CORE), *_python_files(ROOT / "pages"), ROOT / "app.py"], ids=str
)
def test_imports_sit_at_the_top_or_say_why_not(path: Path) -> None:
    hidden = _hidden_imports(path.read_text(encoding="utf-8"))
    assert not hidden, (
        f"{path.relative_to(ROOT)} imports inside a function on line(s) {hidden}: move the import to "
        "the top, or say in a comment why it cannot be there (a cycle, an optional heavy library)"
    )


def test_the_import_check_finds_a_hidden_import() -> None:
    assert _hidden_imports("def f():\n    import json\n    return json\n") == [2]
    assert _hidden_imports("def f():\n    # only this export needs it\n    import json\n") == []
    assert _hidden_imports("def f():\n    import json  # optional\n") == []
    assert _hidden_imports("import json\n\ndef f():\n    return json\n") == []


def _string_text(node: ast.AST) -> str | None:
    """The text of a string expression, with ``{}`` for each value put into it: a literal, an
    f-string, or literals and f-strings joined with ``+``; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_text(node.left), _string_text(node.right)
        if left is not None or right is not None:
            return (left or "{}") + (right or "{}")
    return None


def _imports_duckdb(tree: ast.AST) -> bool:
    return any(
        (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "duckdb" for a in node.names))
        or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "duckdb")
        for node in ast.walk(tree)
    )


def _sql_findings(source: str) -> list[tuple[int, str]]:
    """Where a module's source holds SQL: string literals, f-strings and ``+`` joins that read
    as SQL (a ``.format`` template is a literal), ``.execute(`` / ``.executemany(`` /
    ``.sql(`` calls, any call of a ``duckdb`` function, and ``.query(`` calls in a module that
    imports DuckDB or whose first argument reads as SQL (pandas' ``DataFrame.query`` is not SQL)."""
    tree = ast.parse(source)
    duckdb_module = _imports_duckdb(tree)
    hits: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        text = _string_text(node)
        if text is not None and SQL.search(text):
            hits.append((node.lineno, text[:60]))
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, owner = node.func.attr, node.func.value
        first = _string_text(node.args[0]) if node.args else None
        if (
            method in SQL_METHODS
            or (isinstance(owner, ast.Name) and owner.id == "duckdb")
            or (method == "query" and (duckdb_module or (first is not None and SQL.search(first))))
        ):
            hits.append((node.lineno, f".{method}(...)"))
    return sorted(set(hits))


@pytest.mark.parametrize(
    "path",
    [p for p in _python_files(CORE) + _python_files(ROOT / "pages") + [ROOT / "app.py"]
     if STORE not in p.parents],
    ids=str,
)
def test_sql_lives_only_in_the_store(path: Path) -> None:
    hits = _sql_findings(path.read_text(encoding="utf-8"))
    assert not hits, f"SQL outside kcc/store/ in {path.relative_to(ROOT)}: {hits}"


@pytest.mark.parametrize(
    "source",
    [
        'con.execute("SELECT 1")',
        "cur.executemany(text, rows)",
        "relation.sql(text)",
        'duckdb.sql("SELECT 1")',
        "duckdb.connect(path)",
        'import duckdb\nframe = con.query("anything")',
        'frame = con.query("SELECT a FROM t")',
        'text = f"SELECT {column} FROM {table}"',
        'text = "DELETE FROM " + table',
        'text = "INSERT OR REPLACE INTO {} VALUES (?)".format(table)',
        'text = f"""CREATE OR REPLACE TEMP TABLE {name} AS {query}"""',
        'text = "UPDATE imports SET rows = ?"',
    ],
)
def test_the_sql_check_finds_sql(source: str) -> None:
    assert _sql_findings(source), source


@pytest.mark.parametrize(
    "source",
    [
        'frame.query("offered > 0")',
        'label = "Kies een bestand" + name',
        'text = f"Updated {n} rows"',
        "try:\n    pass\nexcept duckdb.Error:\n    pass",
        "def f(con: duckdb.DuckDBPyConnection) -> None: ...",
    ],
)
def test_the_sql_check_leaves_plain_python_alone(source: str) -> None:
    assert not _sql_findings(source), source


def test_the_store_holds_the_sql() -> None:
    # The check above exempts exactly this package; it must still be where the SQL is.
    for name in ("connection", "schema", "volumes", "planning", "staging", "staging_sql"):
        assert _sql_findings((STORE / f"{name}.py").read_text(encoding="utf-8")), name


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


#: Streamlit's uploader called on ``st`` or a container (the app's own is called bare).
STREAMLIT_UPLOADER = re.compile(r"\.file_uploader\(")


def test_every_upload_goes_through_the_one_uploader() -> None:
    """``kcc.ui.widgets.file_uploader`` names an uploader's own limit in Dutch too; Streamlit's
    own would show the frame's fallback there, the server's 1000 MB."""
    for path in _python_files(ROOT / "pages") + _python_files(CORE) + [ROOT / "app.py"]:
        if path != CORE / "ui" / "widgets.py":
            assert not STREAMLIT_UPLOADER.search(path.read_text(encoding="utf-8")), path


def test_the_uploader_check_finds_streamlits_uploader() -> None:
    assert STREAMLIT_UPLOADER.search('upload = st.file_uploader("Logo", key="logo")')
    assert not STREAMLIT_UPLOADER.search('upload = file_uploader(tr, "Logo", key="logo", max_mb=1, types=["png"])')


#: Sizes a reviewer can hold in the Streamlit shell (docs/ARCHITECTURE.md). [lines]
MAX_PAGE_LINES = 150
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
#: Modules allowed past ``MAX_MODULE_LINES``, each with its reason in docs/ARCHITECTURE.md.
LONG_MODULES: frozenset[str] = frozenset()
SHELL = _python_files(ROOT / "pages") + _python_files(CORE / "ui") + [ROOT / "app.py"]


@pytest.mark.parametrize("path", SHELL, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_and_views_stay_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT).as_posix()
    lines = len(source.splitlines())
    if name.startswith("pages/"):
        assert lines <= MAX_PAGE_LINES, f"{name} has {lines} lines; move its sections into kcc/ui/views/"
    elif name not in LONG_MODULES:
        assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines; split it along its sections"
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines in {name}: {long}"


#: Core sizes count code only: docstrings (the numpydoc reference of every public name) and
#: comments do not make a module harder to hold. ``kcc/i18n/`` is declarative text tables.
MAX_CORE_CODE_LINES = 500
#: Core functions allowed past ``MAX_FUNCTION_LINES`` of code, with their reason.
LONG_CORE_FUNCTIONS: frozenset[tuple[str, str]] = frozenset()
CORE_MODULES = [p for p in _python_files(CORE) if p.relative_to(CORE).parts[0] not in ("ui", "i18n")]


def _code_lines(source: str, node: ast.AST | None = None) -> int:
    """Non-blank, non-comment lines of ``source`` (or of ``node`` in it), docstrings left out."""
    docs = _docstring_lines(source)
    lines = source.splitlines()
    first, last = (1, len(lines)) if node is None else (node.lineno, node.end_lineno or node.lineno)
    return sum(1 for i in range(first, last + 1)
               if i not in docs and lines[i - 1].strip() and not lines[i - 1].strip().startswith("#"))


@functools.cache
def _docstring_lines(source: str) -> frozenset[int]:
    """Line numbers of every docstring in ``source`` (once per module: asked per function)."""
    tree = ast.parse(source)
    docs: set[int] = set()
    for n in ast.walk(tree):
        body = getattr(n, "body", None)
        if (isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and body
                and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)):
            docs.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    return frozenset(docs)


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_modules_and_functions_stay_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    name = path.relative_to(ROOT).as_posix()
    assert _code_lines(source) <= MAX_CORE_CODE_LINES, f"{name}: split it along its sections"
    long = [
        (node.name, _code_lines(source, node))
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (name, node.name) not in LONG_CORE_FUNCTIONS
        and _code_lines(source, node) > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines of code in {name}: {long}"


def test_the_size_check_counts_code_not_docstrings() -> None:
    source = 'def f():\n    """Doc\n\n    more doc\n    """\n    # why\n    x = 1\n\n    return x\n'
    assert _code_lines(source) == 3
    assert _code_lines(source, ast.parse(source).body[0]) == 3


# --------------------------------------------------------------------------- every write is guarded

#: Writes besides the store's own functions: an import, the demo, the changes of users.
OTHER_WRITES = frozenset({"run_import", "load_demo", "load_demo_with_progress", "add_account", "set_role",
                          "set_disabled", "reset_password", "set_centre_role"})
#: Shell functions that write without the guard, with their reason.
UNGUARDED_WRITERS = {
    ("kcc/ui/state.py", "_ensure_demo"),  # the demo's first load at start, before anyone acts
    ("kcc/ui/state.py", "load_demo_with_progress"),  # a helper: every caller is checked
}


@functools.cache
def _store_writes() -> frozenset[str]:
    """Public store functions that write: decorated ``_write``, or running a transaction or
    retried write of their own (read once per run: asked per shell module)."""
    names = set()
    for path in _python_files(STORE):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                text = ast.unparse(node)
                if any(ast.unparse(d) == "_write" for d in node.decorator_list) or any(
                        mark in text for mark in ("_transaction(", "_retrying(", ".begin()")):
                    names.add(node.name)
    return frozenset(names)


def _unguarded_writes(source: str, writes: frozenset[str],
                      exempt: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Calls of ``writes`` that no enclosing function guards with ``@...requires(...)``."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name not in writes:
            continue
        guarded, up = False, parents.get(node)
        while up is not None and not guarded:
            if isinstance(up, ast.FunctionDef | ast.AsyncFunctionDef):
                guarded = up.name in exempt or any("requires(" in ast.unparse(d) for d in up.decorator_list)
            up = parents.get(up)
        if not guarded:
            hits.append((node.lineno, name))
    return hits


def test_the_store_writes_are_found() -> None:
    writes = _store_writes()
    for name in ("replace_intervals", "save_scenario", "delete_scenario", "write_setting", "create_centre",
                 "reset", "commit_stage", "add_user", "update_user", "set_centre_role"):
        assert name in writes, name
    assert not {"read_intervals", "list_users", "connect"} & writes


@pytest.mark.parametrize("path", SHELL, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_write_in_the_shell_goes_through_the_guard(path: Path) -> None:
    name = path.relative_to(ROOT).as_posix()
    exempt = frozenset(function for module, function in UNGUARDED_WRITERS if module == name)
    hits = _unguarded_writes(path.read_text(encoding="utf-8"), _store_writes() | OTHER_WRITES, exempt)
    assert not hits, (
        f"{name} writes outside a function decorated with kcc.ui.access.requires(...): {hits}; "
        "move the write into a small guarded function"
    )


def test_the_guard_check_finds_an_unguarded_write() -> None:
    writes = frozenset({"save_scenario"})
    assert _unguarded_writes("def f(con):\n    store.save_scenario(con)\n", writes) == [(2, "save_scenario")]
    assert _unguarded_writes("if x:\n    save_scenario(con)\n", writes) == [(2, "save_scenario")]
    guarded = "@access.requires(Action.SAVE_SCENARIO)\ndef f(con):\n    def g():\n        store.save_scenario(con)\n"
    assert _unguarded_writes(guarded, writes) == []
    assert _unguarded_writes("save = access.requires(Action.IMPORT)(store.save_scenario)\n", writes) == []
