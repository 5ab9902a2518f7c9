"""Names listed in a sentence ("A, B and C"): one message id, so a translation lists its way."""
from __future__ import annotations

from collections.abc import Sequence

LIST_SEPARATOR = ", "
# Two or more: the others separated by LIST_SEPARATOR, then the last.
LIST_AND = "{others} and {last}"


def listed(items: Sequence[str]) -> str:
    """One item alone; two or more as "A, B and C"."""
    if len(items) == 1:
        return items[0]
    return LIST_AND.format(others=LIST_SEPARATOR.join(items[:-1]), last=items[-1])
