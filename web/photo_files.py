"""Photos from the field as files (issue 17 §1): read by their contents with Pillow, turned
upright, kept without their location (every EXIF tag but the time taken is dropped), re-encoded
as JPEG with a thumbnail, and written outside the web root under random names."""
from __future__ import annotations

import hashlib
import io
import os
import uuid

from PIL import Image, ImageOps
from PIL.ExifTags import IFD
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request

from db import idempotency
from db.inspections import photos
from domain.outcomes import Accepted, Rejected
from domain.photos import (
    DAMAGED, FIELD, LONG_SIDE, MAX_PIXELS, MOST_PER_INSPECTION, NOT_A_PHOTO, THUMB_SIDE,
    TOO_MANY_PIXELS, PhotoFile, check_caption, check_sent, numbered, photo_keys, taken_time,
    time_tags
)
from domain.result_timing import CityTime
from web.forms import form_fields
from web.uploads import CHUNK, forget_files

PHOTO_DIR = "photos"  # under the settings' upload_dir
FORMATS = ("JPEG", "PNG", "WEBP")  # judged by the bytes; HEIC is not taken
DATE_TIME_ORIGINAL, OFFSET_TIME_ORIGINAL = 0x9003, 0x9011
QUALITY, THUMB_QUALITY = 85, 80


async def photo_form(request: Request) -> tuple[dict[str, str], list[UploadFile]]:
    """The form's text fields and each photo chosen (a file input left empty sends a part
    without a file name: no photo). More files than an inspection keeps: not a form of ours
    (400)."""
    fields, _ = await form_fields(request, max_files=MOST_PER_INSPECTION)
    # form_fields keeps one file a name; the parsed form (Starlette keeps it) has them all.
    form = await request.form()
    return fields, [value for value in form.getlist(FIELD)
                    if not isinstance(value, str) and value.filename]


def photo_directory(request: Request) -> str:
    return os.path.join(request.app.state.settings.upload_dir, PHOTO_DIR)


async def fingerprints(uploads: list[UploadFile], fields: dict[str, str]) -> list[str]:
    """Each photo's fingerprint: its bytes, caption and time as sent, so the same photo sent
    again (a lost answer) is known, and another under its key is not taken for it."""
    def digest(upload: UploadFile) -> str:
        sha, file = hashlib.sha256(), upload.file
        file.seek(0)
        while chunk := file.read(CHUNK):
            sha.update(chunk)
        return sha.hexdigest()

    if not uploads:
        return []
    digests = await run_in_threadpool(lambda: [digest(upload) for upload in uploads])
    return [idempotency.fingerprint({"photo": sha, "caption": fields.get("caption", ""),
                                     "taken_at": fields.get("taken_at", "")})
            for sha in digests]


async def keep_photos(uploads: list[UploadFile], keys: list[str], prints: list[str],
                      caption: str, stamp: str, directory: str, at: CityTime
                      ) -> Accepted[tuple[PhotoFile, ...]] | Rejected:
    """Every photo checked and written, in a thread (decoding is CPU work); refused, with
    none of them kept, when one is not a photo the city can keep."""
    def work() -> Accepted[tuple[PhotoFile, ...]] | Rejected:
        made: list[PhotoFile] = []
        for number, (upload, key, print_) in enumerate(zip(uploads, keys, prints), 1):
            kept = _kept(upload.file, directory, stamp, at)
            if isinstance(kept, str):
                forget_files(directory, [name for photo in made
                                         for name in (photo.file_name, photo.thumb_name)])
                return Rejected({FIELD: numbered(number, len(uploads), kept)})
            made.append(PhotoFile(key, print_, caption, *kept))
        return Accepted(tuple(made))

    return await run_in_threadpool(work)


async def result_photos(request: Request, uploads: list[UploadFile], prints: list[str],
                        form: dict[str, str], scoped: str, at: CityTime
                        ) -> Accepted[tuple[PhotoFile, ...]] | Rejected:
    """The photos sent with a result without JavaScript (none is fine), written before its
    transaction and keyed f"{the result's key}-{n}": a replayed result stores none again."""
    if refused := check_sent([upload.size or 0 for upload in uploads], required=False):
        return refused
    if not uploads:
        return Accepted(())
    caption = check_caption(form.get("caption", ""))  # refused with the result's own checks
    return await keep_photos(uploads, photo_keys(scoped, len(uploads), alone=False), prints,
                             getattr(caption, "value", ""), form.get("taken_at", ""),
                             photo_directory(request), at)


async def forget_unstored(directory: str, made: tuple[PhotoFile, ...]) -> None:
    """Delete the files of photos no row names: refused, sent before, or their transaction
    failed."""
    if not made:
        return
    stored = await photos.stored_names([photo.file_name for photo in made])
    names = [name for photo in made if photo.file_name not in stored
             for name in (photo.file_name, photo.thumb_name)]
    await run_in_threadpool(forget_files, directory, names)


def _opened(file) -> Image.Image | str:
    file.seek(0)
    try:
        image = Image.open(file, formats=FORMATS)
    except Image.DecompressionBombError:
        return TOO_MANY_PIXELS
    except Exception:  # Pillow's many kinds of "this is no image it can read"
        return NOT_A_PHOTO
    # Only the header is read so far: a huge picture is refused before it is decoded.
    return TOO_MANY_PIXELS if image.width * image.height > MAX_PIXELS else image


def _kept(file, directory: str, stamp: str, at: CityTime) -> tuple | str:
    """(taken at, file name, thumbnail name, width, height, bytes) of the photo written to
    ``directory``, or the sentence that refuses it."""
    image = _opened(file)
    if isinstance(image, str):
        return image
    try:
        if image.format in ("JPEG", "MPO"):  # MPO: a phone's JPEG with a second picture
            # Decoded at 1/2 to 1/8 scale when that still covers LONG_SIDE: less memory.
            image.draft("RGB", (LONG_SIDE, LONG_SIDE))
        image.load()  # the whole file: a truncated or damaged one fails here
        when = image.getexif().get_ifd(IFD.Exif)
        original, offset = time_tags(when.get(DATE_TIME_ORIGINAL),
                                     when.get(OFFSET_TIME_ORIGINAL))
        icc = image.info.get("icc_profile")
        photo = _flattened(ImageOps.exif_transpose(image))
        photo.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
        thumb = photo.copy()
        thumb.thumbnail((THUMB_SIDE, THUMB_SIDE), Image.Resampling.LANCZOS)
        body = _jpeg(photo, QUALITY, _time_only(original, offset), icc)
        small = _jpeg(thumb, THUMB_QUALITY, b"", icc)
    except Exception:  # Pillow raises many kinds of error on a damaged file
        return DAMAGED
    finally:
        image.close()
    os.makedirs(directory, exist_ok=True)
    names = f"{uuid.uuid4().hex}.jpg", f"{uuid.uuid4().hex}.jpg"
    for name, data in zip(names, (body, small)):
        with open(os.path.join(directory, name), "xb") as out:  # the sender's name is no path
            out.write(data)
    return (taken_time(original, offset, stamp, at.now, at.zone), *names, photo.width,
            photo.height, len(body))


def _flattened(image: Image.Image) -> Image.Image:
    """RGB, transparency on white (a JPEG has none)."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _time_only(original: str | None, offset: str | None) -> bytes:
    """EXIF holding the time taken alone: no position, camera, or anything else."""
    if original is None:
        return b""
    exif = Image.Exif()
    tags = exif.get_ifd(IFD.Exif)
    tags[DATE_TIME_ORIGINAL] = original
    if offset:
        tags[OFFSET_TIME_ORIGINAL] = offset
    return exif.tobytes()


def _jpeg(image: Image.Image, quality: int, exif: bytes, icc: bytes | None) -> bytes:
    # The decoded file's own metadata (a comment, XMP) never travels: only what is given here.
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif, icc_profile=icc, optimize=True)
    return out.getvalue()
