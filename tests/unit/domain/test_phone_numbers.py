"""tel: links that phones can dial (issue 14 §9)."""
import pytest
from hypothesis import given, strategies as st

from domain.phone_numbers import tel_uri


@pytest.mark.parametrize("written, link", [
    ("(323) 848-6475", "tel:+13238486475"),
    ("323-848-6335", "tel:+13238486335"),
    ("323.848.6475", "tel:+13238486475"),
    ("1 (323) 848-6475", "tel:+13238486475"),
    ("+1 323 848 6475", "tel:+13238486475"),
    ("+44 20 7946 0958", "tel:+442079460958"),
])
def test_numbers_as_people_write_them_become_e164_links(written, link):
    assert tel_uri(written) == link


@pytest.mark.parametrize("written", [
    "", "848-6475", "(323) 848-6475 ext. 12", "1-800-FLOWERS", "(123) 848-6475",
    "(323) 148-6475", "３２３８４８６４７５", "+0 123 4567 890", "+1234567", "+1234567890123456",
])
def test_anything_a_phone_could_not_dial_as_written_is_no_link(written):
    assert tel_uri(written) is None


@given(st.text())
def test_a_link_is_always_tel_plus_digits(text):
    link = tel_uri(text)
    assert link is None or (link.startswith("tel:+") and link[5:].isascii()
                            and link[5:].isdigit() and 9 <= len(link) - 4 <= 16)
