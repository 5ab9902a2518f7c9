"""Photos from the field (issue 17 §1): their limits, the sentences that refuse one, the check
of a caption, the time a photo was taken, and whether a photo sent with a key is new, sent
again, or the key is another photo's."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from domain.outcomes import Accepted, Rejected
from domain.result_timing import clock_problem, device_moment
from domain.typed_text import one_line

MB = 1024 * 1024
# As sent: a phone's JPEG is 2-6 MB, a 48-megapixel one up to about 12 MB.
MAX_SENT_BYTES = 15 * MB
# Multipart framing and the form's own fields around one photo.
FORM_SLACK = 64 * 1024
MOST_PER_INSPECTION = 40
# One plain form's photos are processed while the inspector waits: ten at a time.
MOST_AT_ONCE = 10
CAPTION_LIMIT = 200
# What is kept: the long side at most this (a phone screen's detail), and the thumbnail's.
LONG_SIDE = 2048
THUMB_SIDE = 320
# Decoding bombs: a small file that claims a huge picture is refused before it is decoded.
MAX_PIXELS = 64_000_000
FIELD = "photos"

CHOOSE_PHOTOS = "Choose one or more photos to add."
NOT_A_PHOTO = ("This file is not a photo the city can keep: send a JPEG, PNG or WebP image. "
               "(HEIC photos are not taken: set an iPhone's camera to Most Compatible, under "
               "Settings, Camera, Formats.)")
EMPTY = "This file is empty: take or choose the photo again."
DAMAGED = ("This photo could not be read to its end: it may be damaged or only partly copied. "
           "Take or choose it again.")
TOO_LARGE = (f"This photo is larger than {MAX_SENT_BYTES // MB} MB: send it at the camera's "
             "usual size.")
TOO_MANY_PIXELS = (f"This image is larger than {MAX_PIXELS // 1_000_000} million pixels, too "
                   "large to open: send the photo at the camera's usual size.")
TOO_MANY_AT_ONCE = f"Choose at most {MOST_AT_ONCE} photos at a time."
FULL = (f"This inspection already has {MOST_PER_INSPECTION} photos, as many as it keeps: no "
        "more can be added.")
ROOM_FOR = ("This inspection has {count} photos and keeps at most {most}: choose at most "
            "{room} more.")
KEY_REUSED = ("This photo's key was already used for another photo, so it was not stored. "
              "Take or choose it again.")
CAPTION_TOO_LONG = "Keep the caption to {limit} characters; this one has {length}."
# Beside the photo field (web/templates/inspector/_photo_field.html).
FIELD_WORDS = {
    "hint": (f"Take photos or choose them, up to {MOST_AT_ONCE} at a time: JPEG, PNG or WebP, "
             f"each up to {MAX_SENT_BYTES // MB} MB. Their location is removed; the time they "
             "were taken is kept."),
    # No browser lets a page fill a file input again.
    "again": ("Choose the photos again: a browser cannot keep them in a form sent back to be "
              "corrected."),
}


@dataclass(frozen=True)
class PhotoFile:
    """A photo checked and written to the store, to be recorded: plain data made before the
    transaction. ``key``: the account's scoped key; ``fingerprint``: of what was sent."""
    key: str
    fingerprint: str
    caption: str
    taken_at: datetime | None
    file_name: str
    thumb_name: str
    width: int
    height: int
    size: int
    content_type: str = "image/jpeg"


def check_caption(text: str) -> Accepted[str] | Rejected:
    """A caption is one line: kept as written, its spaces made single."""
    caption = one_line(text)
    if len(caption) > CAPTION_LIMIT:
        return Rejected({"caption": CAPTION_TOO_LONG.format(limit=CAPTION_LIMIT,
                                                            length=len(caption))})
    return Accepted(caption)


def with_caption(checked, form: dict[str, str]):
    """A result's own check with the check of its photos' caption: refused with both."""
    caption = check_caption(form.get("caption", ""))
    if isinstance(caption, Accepted):
        return checked
    return Rejected({**getattr(checked, "errors", {}), **caption.errors})


def check_sent(sizes: list[int], required: bool) -> Rejected | None:
    """What can be said of the photos before they are opened: how many, how large as sent."""
    if not sizes:
        return Rejected({FIELD: CHOOSE_PHOTOS}) if required else None
    if len(sizes) > MOST_AT_ONCE:
        return Rejected({FIELD: TOO_MANY_AT_ONCE})
    for number, size in enumerate(sizes, 1):
        if size == 0 or size > MAX_SENT_BYTES:
            return Rejected({FIELD: numbered(number, len(sizes),
                                             EMPTY if size == 0 else TOO_LARGE)})
    return None


def declared_too_large(content_length: str | None) -> bool:
    """A device's request (one photo) announced as larger than a photo and its form."""
    return content_length is not None and content_length.isdigit() and \
        int(content_length) > MAX_SENT_BYTES + FORM_SLACK


def numbered(number: int, total: int, sentence: str) -> str:
    """Which of several photos a sentence is about (by its place: a file's name is the
    device's, never repeated to the page)."""
    return f"Photo {number} of {total}: {sentence}" if total > 1 else sentence


def photo_keys(key: str, count: int, alone: bool) -> list[str]:
    """Each photo's key: the device's own key for the one photo it sends; the n-th of a plain
    form's photos (or a result's), f"{key}-{n}"."""
    return [key] if alone and count == 1 else [f"{key}-{n}" for n in range(1, count + 1)]


def thumb_size(width: int, height: int) -> tuple[int, int]:
    """The thumbnail's size, as Pillow's thumbnail() makes it (for the page's img size)."""
    scale = min(1.0, THUMB_SIDE / max(width, height, 1))
    return max(1, round(width * scale)), max(1, round(height * scale))


# Cameras pad EXIF text with NULs or spaces.
_PADDING = "\x00 "
_EXIF_TIME = re.compile(r"\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}")
_EXIF_OFFSET = re.compile(r"[+-]\d{2}:\d{2}")


def time_tags(original: object, offset: object) -> tuple[str | None, str | None]:
    """The camera's DateTimeOriginal and OffsetTimeOriginal as the kept photo carries them:
    only text of their own shape, so nothing else (a position) rides along in them."""
    time_text = original.strip(_PADDING) if isinstance(original, str) else ""
    offset_text = offset.strip(_PADDING) if isinstance(offset, str) else ""
    if not _EXIF_TIME.fullmatch(time_text):
        return None, None
    return time_text, offset_text if _EXIF_OFFSET.fullmatch(offset_text) else None


def taken_time(original: str | None, offset: str | None, stamp: str, received: datetime,
               zone: tzinfo) -> datetime | None:
    """When the photo was taken: the camera's own DateTimeOriginal ("2026:11:30 09:41:07")
    with its offset (without one, the city's wall clock: it was taken here); else the device's
    ISO 8601 stamp with an offset; None when neither can be read or believed."""
    # A photo's time is for the record, not a decision: an unreadable or impossible one (a
    # phone's wrong clock) is left unknown rather than refusing the photo.
    for moment in (_camera_time(original, offset, zone), device_moment(stamp)):
        if moment is not None and clock_problem(moment, received) is None:
            return moment
    return None


def _camera_time(original: str | None, offset: str | None, zone: tzinfo) -> datetime | None:
    text, zone_text = (original or "").strip(_PADDING), (offset or "").strip(_PADDING)
    if len(text) != 19 or text[4] != ":" or text[7] != ":":
        return None
    try:
        moment = datetime.fromisoformat(f"{text[:10].replace(':', '-')}T{text[11:]}{zone_text}")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def decide_photos(inspection_id: int, asked: list[tuple[str, str]],
                  stored: dict[str, tuple[str, int]], count: int
                  ) -> Accepted[tuple[str, ...]] | Rejected:
    """The keys to store now, of ``asked`` (key, fingerprint): a key already stored with the
    same contents for this inspection is a photo sent again (not stored twice); with other
    contents, or for another inspection, the key is another photo's. ``stored``: the stored
    photos' fingerprint and inspection by key; ``count``: the inspection's photos now."""
    for key, fingerprint in asked:
        if key in stored and stored[key] != (fingerprint, inspection_id):
            return Rejected({FIELD: KEY_REUSED})
    new = tuple(key for key, _ in asked if key not in stored)
    if new and count + len(new) > MOST_PER_INSPECTION:
        room = MOST_PER_INSPECTION - count
        return Rejected({FIELD: FULL if room <= 0 else ROOM_FOR.format(count=count, room=room,
                                                                  most=MOST_PER_INSPECTION)})
    return Accepted(new)


NOT_YOURS = ("This inspection is assigned to another inspector: only they, or city staff, can "
             "add its photos.")


def photo_taker_refusal(staff: bool, account_id: int, assigned_to: int | None,
                        kept_result: bool) -> Rejected | None:
    """Who may add an inspection's photos (as who may record its result,
    domain.inspection_results.conflict_reason): city staff, any inspector while nobody holds it,
    the inspector it is assigned to (or credited with its result), and an inspector whose result
    for it waits for a supervisor (reassigned while their phone was offline: the photos they
    took at the site are kept with it)."""
    if staff or assigned_to is None or account_id == assigned_to or kept_result:
        return None
    return Rejected({FIELD: NOT_YOURS})


def added_words(count: int) -> str:
    return f"{count} photo{'' if count == 1 else 's'} added to this inspection."
