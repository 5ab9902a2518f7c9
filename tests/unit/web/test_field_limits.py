"""Length limits are the same in the browser and on the server (issue 14 §7).

Every field people type carries a ``maxlength`` (templates are read for it), every page's
forms print the limit of the field's own check (domain/field_limits.py), and the server
refuses one character more with a message beside that field, a message that, when it counts
characters, counts the same number. The forms are those the app renders for each of the six
visitors of the authorization matrix (tests/unit/web/hostile_world.py), not a list.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.web.hostile_corpus import urlencoded
from tests.unit.web.hostile_forms import TYPED

TEMPLATES = Path(__file__).resolve().parents[3] / "web" / "templates"
_TAG = re.compile(r"<(input|textarea)\b((?:[^>{]|\{\{.*?\}\}|\{%.*?%\})*)>", re.S)
# Refused by design with another answer than a field's message.
SAME_ANSWER = {("sign_in", "password"): "a wrong, an unknown and an over-long password get the "
                                        "same answer (docs/architecture.md, lockouts)"}


@pytest.fixture(scope="module")
def world(sqlite_world):
    return sqlite_world  # built once with the hostile-input sweep (tests/unit/web/conftest.py)


def typed_tags() -> list[tuple[str, str]]:
    """(template, tag) of every <input> people type in and every <textarea>."""
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for tag, attributes in _TAG.findall(path.read_text()):
            kind = re.search(r'\btype="([^"{]*)"', attributes)
            if tag == "input" and (kind.group(1) if kind else "") not in TYPED and not (
                    kind is None and "type=" in attributes):
                continue
            found.append((str(path.relative_to(TEMPLATES)), f"<{tag}{attributes}>"))
    return found


def test_every_field_people_type_in_every_template_has_a_maxlength():
    tags = typed_tags()
    assert len(tags) > 30, "the templates' fields were found"
    missing = [f"{template}: {tag[:100]}" for template, tag in tags if "maxlength=" not in tag]
    assert not missing, "add maxlength=\"{{ limits.… }}\" (domain/field_limits.py):\n" + \
        "\n".join(missing)


def test_every_field_a_page_renders_says_its_limit(world):
    forms = [(name, form) for name, found in world.forms.items() for _, form in found]
    assert len({name for name, _ in forms}) > 25, "the pages' forms were found"
    wrong = [f"{route} {field}: maxlength={attributes.get('maxlength')!r}"
             for route, form in forms for field, attributes in form.typed.items()
             if not attributes.get("maxlength", "").isdigit()
             or int(attributes["maxlength"]) < 1]
    assert not wrong, "\n".join(wrong)


def over(attributes: dict[str, str], length: int) -> str:
    """``length`` characters of what the field takes, so only the length is wrong."""
    if attributes["type"] == "email":
        return "a" * (length - 12) + "@example.com"
    if attributes["type"] == "tel" or attributes.get("name", "").endswith("phone"):
        return "3235550142".ljust(length)
    if attributes.get("inputmode") in ("numeric", "decimal"):
        return "1" + "0" * (length - 1)
    return "a" * length


def fields_to_try(world) -> list[tuple[str, str, str, object]]:
    """(route, field, visitor, form): each field of each form that posts, once."""
    seen, found = set(), []
    for route, forms in sorted(world.forms.items()):
        for actor, form in forms:
            for field in form.typed:
                if form.method == "POST" and (route, field) not in seen:
                    seen.add((route, field))
                    found.append((route, field, actor, form))
    return found


def test_one_character_over_any_limit_is_refused_beside_the_field(world):
    problems = []
    for route, field, actor, form in fields_to_try(world):
        if (route, field) in SAME_ANSWER:
            continue
        problem = _refusal_problem(world, form, field, actor)
        if problem:
            problems.append(f"{route} ({actor}) {field}: {problem}")
    assert len(fields_to_try(world)) > 20
    assert not problems, "\n".join(problems)


def _refusal_problem(world, form, field: str, actor: str) -> str | None:
    attributes = form.typed[field]
    limit = int(attributes["maxlength"])
    token = world.become(actor)
    fields = {k: v if len(v) > 1 else v[0] for k, v in form.fields.items()}
    fields.update({field: over(attributes, limit + 1), "csrf_token": token})
    headers = {"X-CSRF-Token": token}
    if form.multipart:
        response = world.client.post(form.action, files={k: (None, str(v).encode())
                                                          for k, v in fields.items()},
                                     headers=headers, follow_redirects=False)
    else:
        response = world.client.post(form.action, content=urlencoded(fields), headers={
            **headers, "content-type": "application/x-www-form-urlencoded"},
            follow_redirects=False)
    world.still(actor)
    element = attributes.get("id", f"f-{field}")
    said = re.search(rf'<a href="#{re.escape(element)}">(.*?)</a>', response.text, re.S)
    if response.status_code < 400 or said is None:
        return (f"{limit + 1} characters answered {response.status_code} with no message "
                "for the field: the server takes more than the form lets anyone type")
    counted = re.search(r"([\d,]+) characters", said.group(1))
    if counted and int(counted.group(1).replace(",", "")) != limit:
        return f"the form allows {limit} characters, the server says {said.group(1)!r}"
    return None
