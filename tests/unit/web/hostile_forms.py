"""Where the hostile-input test sends its values: the routes' fields, found without a list.

A route's fields are the union of (1) the fields of every form on the app's pages that posts
or gets to it, with the values a browser would send (the baseline, so one field at a time can
be hostile), (2) every name its handler's module reads (``.get("name")``, ``.getlist("name")``,
found in the source), and (3) a generic set of parameter names.
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

from starlette.routing import Match, Route

GENERIC = ("q", "page", "next", "id", "day", "date", "from", "to", "start", "end", "type",
           "subtype", "status", "number", "permit", "license", "address", "email", "name",
           "phone", "password", "reason", "note", "notes", "comment", "response", "decision",
           "action", "kind", "reference", "valuation", "stories", "capacity", "inspector",
           "district", "effective", "version", "older", "about", "format", "section", "tab")
_READS = re.compile(r"""\.(?:get|getlist)\(\s*["']([A-Za-z0-9_\-]+)["']""")


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: dict[str, list[str]] = field(default_factory=dict)  # what a browser sends
    named: set[str] = field(default_factory=set)  # every field, sent or not
    files: set[str] = field(default_factory=set)
    typed: dict[str, dict[str, str]] = field(default_factory=dict)  # text typed: attributes


TYPED = {"", "text", "search", "email", "tel", "url", "password", "number"}


class _Forms(HTMLParser):
    """Each <form>'s fields as a browser submits them (checked boxes, the selected option,
    the first option of a select without one, textarea contents)."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self._select, self._area = page_url, [], None, None
        self._first_option: str | None = None
        self._selected = False

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action") or self.page_url,
                                   (a.get("method") or "get").upper(),
                                   a.get("enctype") == "multipart/form-data"))
        if not self.forms or not a.get("name"):
            return
        form, name = self.forms[-1], a["name"]
        if tag in ("input", "textarea", "select", "button"):
            form.named.add(name)
        kind = a.get("type", "").lower()
        if tag == "input" and kind == "file":
            form.files.add(name)
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in a:
                form.fields.setdefault(name, []).append(a.get("value") or "on")
        elif tag == "input" and kind not in ("submit", "button", "image", "reset"):
            form.fields.setdefault(name, []).append(a.get("value", ""))
        if (tag == "input" and kind in TYPED) or tag == "textarea":
            form.typed.setdefault(name, {**a, "type": kind or "text"})
        if tag == "textarea":
            self._area = name
            form.fields[name] = [""]
        elif tag == "select":
            self._select, self._first_option, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._selected = True
                form.fields.setdefault(self._select, []).append(value)

    def handle_data(self, data: str) -> None:
        if self._area and self.forms:
            self.forms[-1].fields[self._area][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._area = None
        elif tag == "select" and self._select and self.forms:
            if not self._selected and self._first_option is not None:
                self.forms[-1].fields.setdefault(self._select, []).append(self._first_option)
            self._select = None


def forms_of(html: str, page_url: str) -> list[Form]:
    parser = _Forms(page_url)
    parser.feed(html)
    return parser.forms


def route_of(app, method: str, url: str) -> Route | None:
    """The route a form's action reaches (exactly, method included)."""
    path = unquote(urlsplit(url).path)
    scope = {"type": "http", "path": path, "method": method, "root_path": ""}
    for route in app.routes:
        if isinstance(route, Route) and route.matches(scope)[0] is Match.FULL:
            return route
    return None


def names_read_by(route: Route) -> set[str]:
    """The parameter names the route's handler module reads, from its source."""
    module = inspect.getmodule(route.endpoint)
    try:
        source = inspect.getsource(module) if module else ""
    except (OSError, TypeError):
        source = ""
    return set(_READS.findall(source))


def hostile_paths(route: Route, path: str, values: list[str], seed: int, each: int = 3
                  ) -> list[str]:
    """``path`` (a path of ``route``) with each parameter in turn set to ``each`` hostile
    values its convertor lets through, chosen by ``seed``."""
    found = route.path_regex.match(path)
    if found is None:
        return []
    given = {name: quote(value, safe="") for name, value in found.groupdict().items()}
    paths = []
    for name, convertor in route.param_convertors.items():
        fitting = [v for v in values if re.fullmatch(convertor.regex, v)]
        for k in range(min(each, len(fitting))):
            value = fitting[(seed + k * 17) % len(fitting)]
            paths.append(route.path_format.format(**{**given, name: quote(value, safe="")}))
    return paths
