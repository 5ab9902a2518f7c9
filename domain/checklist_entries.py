"""A stop's checklist as the inspector marked it: the items read from the result form, the
result they give, an override of that result with its reason, and the JSON kept with the
inspection (Inspection.checklist)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

from domain.checklists import (
    FAILED, STATES, WORDS_SUFFIX, CheckedItem, ChecklistBook, Item, corrections, derived_result,
    library_groups
)
from domain.counter_service import OVERRIDE_REASON_LIMIT
from domain.typed_text import one_line

WORDS_LIMIT = 200  # a line for the contractor; the notes hold more
NO_STATE = "Choose Passed, Failed or N/A."
WORDS_WITHOUT_MARK = "Mark this item Passed, Failed or N/A, or clear your words."
WORDS_TOO_LONG = "Keep your words to {limit} characters; these have {count}."
REASON_TOO_LONG = "Keep the reason to {limit} characters; it has {count}."
NEED_REASON = ("The checklist gives “{derived}”. To record “{chosen}” instead, say why in "
               "Override the derived result.")
# The inspection resulted event's words (domain/audit_actions.py INSPECTION_RESULTED).
FAILED_IN_AUDIT = "{count}: {codes}"


def field(item: Item) -> str:
    """The name of an item's mark on the form; its words are ``field(item) + WORDS_SUFFIX``."""
    return f"item-{item.id}"


@dataclass(frozen=True)
class MarkedChecklist:
    """The items marked (unmarked ones are left out), and the result they give."""
    checked: tuple[CheckedItem, ...]
    derived: str | None


def read_checklist(form: Mapping[str, str], items: Sequence[Item]
                   ) -> tuple[MarkedChecklist, dict[str, str]]:
    """The marks and words posted for ``items`` (fields of items not on the checklist are not
    read), and the problems beside each item's field."""
    checked, states, errors = [], [], {}
    for item in items:
        name = field(item)
        state = form.get(name, "").strip()
        words = one_line(form.get(name + WORDS_SUFFIX, ""))
        if len(words) > WORDS_LIMIT:
            errors[name + WORDS_SUFFIX] = WORDS_TOO_LONG.format(limit=WORDS_LIMIT,
                                                                count=len(words))
        if state and state not in STATES:
            errors[name] = NO_STATE
        elif words and not state:
            errors[name] = WORDS_WITHOUT_MARK
        states.append(state if state in STATES else None)
        if state in STATES:
            checked.append(CheckedItem(item.id, item.code, item.text, state, words))
    return MarkedChecklist(tuple(checked), derived_result(states)), errors


def read_override(form: Mapping[str, str], chosen: str, derived: str | None
                  ) -> tuple[str, dict[str, str]]:
    """The reason for recording ``chosen`` when the checklist gives another result; "" when
    nothing is overridden (a reason typed then is not kept: there is nothing it explains)."""
    reason = one_line(form.get("override_reason", ""))
    if len(reason) > OVERRIDE_REASON_LIMIT:
        return "", {"override_reason": REASON_TOO_LONG.format(limit=OVERRIDE_REASON_LIMIT,
                                                              count=len(reason))}
    if derived is None or not chosen or chosen == derived:
        return "", {}
    if not reason:
        return "", {"override_reason": NEED_REASON.format(derived=derived, chosen=chosen)}
    return reason, {}


def derived_from(form: Mapping[str, str], items: Sequence[Item]) -> str | None:
    """The result the form's marks give, to say on the form shown again."""
    return read_checklist(form, items)[0].derived


def form_context(book: ChecklistBook, type_code: str, values: Mapping[str, str]) -> dict:
    """What a stop's result form shows of its checklist: the items with their field names,
    the marks, the result the marks typed so far give, and the library by code book."""
    items = book.of(type_code)
    return {"checklist": tuple((item, field(item)) for item in items), "states": STATES,
            "derived": derived_from(values, items), "words_suffix": WORDS_SUFFIX,
            "library": library_groups(book.library), "library_size": len(book.library)}


def checklist_json(checked: Iterable[CheckedItem]) -> str:
    """What Inspection.checklist keeps: every marked item ("" when none was marked)."""
    listed = [asdict(i) for i in checked]
    return json.dumps(listed) if listed else ""


def checked_of(data: object) -> tuple[CheckedItem, ...]:
    """The marked items from Inspection.checklist's JSON text, or from a kept result's entry
    (a list of dicts); none from anything else (an inspection resulted before checklists)."""
    try:
        listed = json.loads(data) if isinstance(data, str) else data
        return tuple(CheckedItem(**entry) for entry in listed or ())
    except (TypeError, ValueError):
        return ()


def corrections_of(text: str) -> tuple[str, ...]:
    """The correction lines of a stored checklist (Inspection.checklist)."""
    return corrections(checked_of(text))


def checklist_in_audit(checked: Iterable[CheckedItem], override_reason: str) -> dict[str, str]:
    """What the inspection resulted event adds: the failed items' count and code sections
    ("2: CRC R314, CEC 210.8(A)") when the checklist was used, and the override's reason."""
    checked, words = tuple(checked), {}
    if checked:
        failed = [i.code for i in checked if i.state == FAILED]
        words["failed items"] = FAILED_IN_AUDIT.format(count=len(failed),
                                                       codes=", ".join(failed) or "none")
    if override_reason:
        words["override reason"] = override_reason
    return words
