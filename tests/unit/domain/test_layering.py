"""The functional core stays pure, the persistence shell never reaches up into web/, db/'s
wings import only downward and web/'s audiences never import each other's routes
(docs/architecture.md, issue 15)."""
import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# domain/ may import the standard library and itself, nothing else (an allowlist, so a new
# framework cannot slip in); db/ may import anything but the HTTP shell.
DOMAIN_ALLOWED = set(sys.stdlib_module_names) - {"sqlite3"} | {"domain", "__future__"}
DB_FORBIDDEN = {"web", "starlette", "jinja2"}


# db/'s wings, highest first: a wing may import its own modules, any lower wing's and the
# db root's (tables, engines, reader, transactions, idempotency, rate limits), never a higher
# or an equal other wing's. Wings on one rank are siblings that do not know each other.
WING_RANKS = {"demo": 7, "payments": 6, "lifecycle": 5, "inspections": 4, "applications": 4,
              "permits": 3, "accounts": 2, "rules": 2, "mail": 1, "audit": 1}


def imported_modules(path: Path) -> set[str]:
    """The dotted names ``path`` imports (``from db import x`` gives ``db.x``; a relative
    import is read from ``path``'s package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts[:-1]
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def wing_of(module: str) -> str | None:
    """``db.inspections.booking`` → ``inspections``; a db root module → None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "db" and parts[1] in WING_RANKS else None


def wing_offences(path: Path) -> list[str]:
    """What ``path`` (a module under db/) imports against the downward direction."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    mine = wing_of(module)
    found = []
    for name in imported_modules(path):
        theirs = wing_of(name) if name.startswith("db.") else None
        if theirs is None or theirs == mine:
            continue
        if mine is None or WING_RANKS[theirs] >= WING_RANKS[mine]:
            found.append(name)
    return sorted(found)


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


def test_every_package_of_db_is_a_ranked_wing():
    """A new wing is placed in the order before anything can import it unchecked."""
    packages = {path.parent.name for path in (ROOT / "db").glob("*/__init__.py")}
    assert packages - {"tables", "piccolo_migrations"} == set(WING_RANKS)


def test_db_wings_import_only_downward():
    """lifecycle → inspections → permits → accounts/rules → mail/audit → the db root."""
    found = {str(path.relative_to(ROOT)): wing_offences(path) for path in (ROOT / "db").rglob("*.py")}
    assert {name: names for name, names in found.items() if names} == {}


def test_only_the_command_line_imports_demo_data_and_nothing_imports_the_command_line():
    demo, commands = {}, {}
    for package in ("db", "web", "domain"):
        for path in (ROOT / package).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            imported = imported_modules(path)
            if not name.startswith(("db/demo/", "web/commands/")) and any(
                    i == "db.demo" or i.startswith("db.demo.") for i in imported):
                demo[name] = sorted(i for i in imported if i.startswith("db.demo"))
            if not name.startswith("web/commands/") and any(
                    i == "web.commands" or i.startswith("web.commands.") for i in imported):
                commands[name] = sorted(i for i in imported if i.startswith("web.commands"))
    assert demo == {}, "only web/commands/ may import db/demo/"
    assert commands == {}, "nothing imports the command line"


# One handle to the database (issue 15): use cases take it as they take the reader; only the
# handle (db/database.py) and the engines' binding (db/engines.py) know Piccolo's engine.
ENGINE_KEEPERS = {"db/database.py", "db/engines.py", "db/transactions.py"}
ENGINE_WAYS = ("._meta.db", "write_transaction", "engine_finder", ".engine.transaction(",
               ".atomic(")


def test_only_the_handle_finds_the_engine_and_opens_write_transactions():
    found = {}
    for package in ("db", "web"):
        for path in (ROOT / package).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            if name in ENGINE_KEEPERS or "piccolo_migrations" in name:
                continue
            text = path.read_text()
            if used := [w for w in ENGINE_WAYS if w in text]:
                found[name] = used
    assert found == {}


# web/'s route modules by audience: only web/app.py gathers them. A helper that two audiences,
# a command or a webhook need lives in a web/ module of its own (issue 15).
AUDIENCES = {"public", "account", "contractor", "inspector", "staff", "phone_line"}


def audience_of(module: str) -> str | None:
    """``web.staff.accounts`` → ``staff``; any other module → None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "web" and parts[1] in AUDIENCES else None


def test_route_modules_are_imported_only_by_the_app_and_their_own_audience():
    found = {}
    for path in (ROOT / "web").rglob("*.py"):
        name = path.relative_to(ROOT)
        mine = audience_of(".".join(name.with_suffix("").parts))
        theirs = sorted(i for i in imported_modules(path) if audience_of(i) not in (None, mine))
        if theirs and str(name) != "web/app.py":
            found[str(name)] = theirs
    assert found == {}


def test_the_wing_check_would_catch_an_upward_import(tmp_path, monkeypatch):
    wing = tmp_path / "db" / "mail"
    wing.mkdir(parents=True)
    (wing / "bad.py").write_text("from db.inspections import booking\nfrom db import tables\n"
                                 "from ..payments import checkout\nfrom . import outbox\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert wing_offences(wing / "bad.py") == ["db.inspections", "db.inspections.booking",
                                              "db.payments", "db.payments.checkout"]
