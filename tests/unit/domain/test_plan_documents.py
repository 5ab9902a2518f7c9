"""Plan documents' rules: the bytes decide the type, the limits, and names that are safe to
offer back as a download."""
from __future__ import annotations

from hypothesis import given, strategies as st

from domain import plan_documents as docs
from domain.outcomes import Accepted, Rejected

PDF = b"%PDF-1.7\n"


def test_the_contents_decide_never_the_name():
    assert docs.check_file(10, PDF, 0, 0) == Accepted(("application/pdf", "pdf"))
    assert docs.check_file(10, b"\xff\xd8\xff\xe0", 0, 0) == Accepted(("image/jpeg", "jpg"))
    assert docs.check_file(10, b"<html>", 0, 0) == Rejected({"file": docs.NOT_A_DOCUMENT})
    assert docs.check_file(0, b"", 0, 0) == Rejected({"file": docs.EMPTY})


def test_the_limits_per_file_and_per_application():
    assert docs.check_file(docs.MAX_FILE_BYTES, PDF, 0, 0).__class__ is Accepted
    assert docs.check_file(docs.MAX_FILE_BYTES + 1, PDF, 0, 0) == Rejected(
        {"file": docs.TOO_LARGE})
    assert docs.check_file(10, PDF, docs.MAX_APPLICATION_BYTES - 9, 3) == Rejected(
        {"file": docs.FULL})
    assert docs.check_file(10, PDF, 0, docs.MAX_APPLICATION_FILES) == Rejected(
        {"file": docs.TOO_MANY})
    assert not docs.declared_too_large(str(docs.MAX_FILE_BYTES))
    assert docs.declared_too_large(str(docs.MAX_FILE_BYTES + docs.FORM_SLACK + 1))
    assert not docs.declared_too_large("a lot") and not docs.declared_too_large(None)


def test_names_keep_what_a_person_reads_and_lose_paths_and_tricks():
    assert docs.safe_filename("C:\\plans\\Sheet A2 (rev).PDF", "pdf") == "Sheet A2 (rev).pdf"
    assert docs.safe_filename("../../etc/passwd", "pdf") == "passwd.pdf"
    assert docs.safe_filename("invoice\u202efdp.exe", "pdf") == "invoicefdp.pdf"
    assert docs.safe_filename(".htaccess", "png") == "document.png"
    assert docs.safe_filename("", "jpg") == "document.jpg"
    assert docs.safe_filename("Plans – façade.pdf", "pdf") == "Plans _ façade.pdf"


@given(st.text(max_size=400), st.sampled_from(["pdf", "png", "jpg"]))
def test_every_name_is_one_safe_file_name(name, extension):
    safe = docs.safe_filename(name, extension)
    assert len(safe) <= docs.MAX_NAME and safe.endswith("." + extension)
    assert not any(c in safe for c in '/\\"<>:;\r\n\0') and not safe.startswith(".")


def test_versions_count_what_was_sent():
    assert docs.next_version([]) == 1 and docs.next_version([1, 2]) == 3
    assert docs.title("plan_set", 2) == "Plan set v2"
    assert docs.title("calculations", 3) == "Calculations"
    assert docs.missing_plan_set("Residential Remodel", {"photos"}) is not None
    assert docs.missing_plan_set("Residential Remodel", {"plan_set"}) is None
    assert docs.missing_plan_set("Water Heater", set()) is None
    assert docs.size_words(512) == "1 KB" and docs.size_words(3 * docs.MB) == "3.0 MB"
