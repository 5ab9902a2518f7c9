"""The functional core stays pure and the persistence shell never reaches up into web/."""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# domain/ may import the standard library and itself, nothing else (an allowlist, so a new
# framework cannot slip in); db/ may import anything but the HTTP shell.
DOMAIN_ALLOWED = set(sys.stdlib_module_names) - {"sqlite3"} | {"domain", "__future__"}
DB_FORBIDDEN = {"web", "starlette", "jinja2"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            roots.add("domain" if node.level else node.module.split(".")[0])
    return roots


def offenders(package: str, allowed) -> dict[str, list[str]]:
    found = {str(path.relative_to(ROOT)): sorted(r for r in imported_roots(path) if not allowed(r))
             for path in (ROOT / package).rglob("*.py")}
    return {name: roots for name, roots in found.items() if roots}


def test_the_domain_imports_only_the_standard_library_and_itself():
    assert offenders("domain", DOMAIN_ALLOWED.__contains__) == {}


def test_the_database_layer_never_imports_the_http_shell():
    assert offenders("db", lambda root: root not in DB_FORBIDDEN) == {}


@pytest.mark.parametrize("root", ["starlette", "piccolo", "web", "sqlite3"])
def test_the_domain_check_would_catch_a_framework_import(root, tmp_path):
    module = tmp_path / "bad.py"
    module.write_text(f"import {root}\n")
    assert imported_roots(module).pop() not in DOMAIN_ALLOWED
