"""An inspection's photos (issue 17 §1): stored once a key, under the inspection's lock and with
their audit event; listed on its stop page and its permit's Inspections tab; found with the
permit that decides who may see one."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from db.audit.trail import event, record_all
from db.database import Database
from db.reader import as_datetime
from db.tables import Inspection, InspectionPhoto, ResultConflict
from domain.audit_actions import PHOTO_ADDED
from domain.audit_subjects import inspection_subject
from domain.outcomes import Rejected
from domain.photos import PhotoFile, decide_photos, photo_taker_refusal, thumb_size
from domain.result_timing import CityTime, clock_text


@dataclass(frozen=True)
class Photo:
    id: int
    inspection_id: int
    key: str  # the account's scoped key it was sent with (never shown)
    caption: str
    taken_by: str
    taken_at: datetime | None
    uploaded_at: datetime
    width: int
    height: int

    @property
    def thumb(self) -> tuple[int, int]:
        return thumb_size(self.width, self.height)


@dataclass(frozen=True)
class Added:
    photos: tuple[Photo, ...]  # in the order sent
    new: int  # how many were stored now; 0: every one was sent before (a replay)


@dataclass(frozen=True)
class Taker:
    account_id: int
    name: str
    staff: bool = False


@dataclass(frozen=True)
class PhotoFound:
    file_name: str
    thumb_name: str
    permit_id: int


class PhotosRefused(Exception):
    """Photos sent with a result that cannot be stored (too many, a key reused): raised in the
    result's transaction, so the result is not recorded without them either."""

    def __init__(self, refused: Rejected) -> None:
        super().__init__(refused.message)
        self.refused = refused


_COLUMNS = (InspectionPhoto.id, InspectionPhoto.inspection, InspectionPhoto.key,
            InspectionPhoto.caption, InspectionPhoto.taken_by, InspectionPhoto.taken_at,
            InspectionPhoto.uploaded_at, InspectionPhoto.width, InspectionPhoto.height)
_SELECT = ("SELECT id, inspection, key, caption, taken_by, taken_at, uploaded_at, width, height"
           " FROM inspection_photo")


def _photo(row) -> Photo:
    return Photo(row[0], row[1], row[2], row[3], row[4], as_datetime(row[5]),
                 as_datetime(row[6]), row[7], row[8])


async def add_photos(database: Database, inspection_id: int, files: tuple[PhotoFile, ...],
                     by: Taker, at: CityTime) -> Added | Rejected | None:
    """The photos in one transaction; None when there is no such inspection."""
    try:
        async with database.transaction():
            return await photos_in_transaction(database, inspection_id, files, by, at)
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        # Another request stored one of these keys at the same moment: answered as if it had
        # come first (the same photo sent twice at once), or refused (another photo's key);
        # when only some were, the rest once more (a second clash is raised, never looped).
        before = await sent_before(inspection_id, [(f.key, f.fingerprint) for f in files])
        if before is not None:
            return before
        async with database.transaction():
            return await photos_in_transaction(database, inspection_id, files, by, at)


async def keep_with_result(database: Database, inspection_id: int, receipt, by,
                           at: CityTime) -> None:
    """The photos sent with a result (``receipt.photos``), in the result's transaction, by
    its enterer; refused, the result is not recorded either (PhotosRefused)."""
    files = getattr(receipt, "photos", ())
    if files:
        stored = await photos_in_transaction(database, inspection_id, files,
                                             Taker(by.account_id, by.name, by.staff), at)
        if isinstance(stored, Rejected):
            raise PhotosRefused(stored)


async def photos_in_transaction(database: Database, inspection_id: int,
                                files: tuple[PhotoFile, ...], by: Taker, at: CityTime
                                ) -> Added | Rejected | None:
    """Inside a write transaction: under the inspection's lock, so two requests cannot both
    take its last places."""
    permit_id = await database.lock_inspection(inspection_id)
    if permit_id is None:
        return None
    assigned = await Inspection.select(Inspection.inspector_account).where(
        Inspection.id == inspection_id).first()
    kept = await ResultConflict.exists().where(
        (ResultConflict.inspection == inspection_id) & (ResultConflict.account == by.account_id))
    if refused := photo_taker_refusal(by.staff, by.account_id, assigned["inspector_account"],
                                      kept):
        return refused
    count = await InspectionPhoto.count().where(InspectionPhoto.inspection == inspection_id)
    asked = [(f.key, f.fingerprint) for f in files]
    decided = decide_photos(inspection_id, asked, await _stored_prints(asked), count)
    if isinstance(decided, Rejected):
        return decided
    new = [f for f in files if f.key in decided.value]
    if new:
        await InspectionPhoto.insert(*(InspectionPhoto(
            inspection=inspection_id, permit=permit_id, account=by.account_id,
            taken_by=by.name[:120], key=f.key, fingerprint=f.fingerprint, caption=f.caption,
            taken_at=f.taken_at, uploaded_at=at.now, file_name=f.file_name,
            thumb_name=f.thumb_name, content_type=f.content_type, width=f.width,
            height=f.height, bytes=f.size) for f in new))
        await record_all([event(
            PHOTO_ADDED, permit_id=permit_id, at=at.now, subject=inspection_subject(inspection_id),
            after={"caption": f.caption,
                   "taken": clock_text(f.taken_at, at.zone) if f.taken_at else ""})
            for f in new])
    return Added(await _by_keys(asked), len(new))


async def sent_before(inspection_id: int, asked: list[tuple[str, str]]
                      ) -> Added | Rejected | None:
    """Every photo of ``asked`` (key, fingerprint) already stored under its key (sent again
    after a lost answer: nothing to decode or store), a key that is another photo's
    (refused), or None: some are new."""
    decided = decide_photos(inspection_id, asked, await _stored_prints(asked), 0)
    if isinstance(decided, Rejected):
        return decided
    return None if decided.value else Added(await _by_keys(asked), 0)


async def _stored_prints(asked: list[tuple[str, str]]) -> dict[str, tuple[str, int]]:
    rows = await InspectionPhoto.select(
        InspectionPhoto.key, InspectionPhoto.fingerprint, InspectionPhoto.inspection).where(
        InspectionPhoto.key.is_in([key for key, _ in asked]))
    return {row["key"]: (row["fingerprint"], row["inspection"]) for row in rows}


async def _by_keys(asked: list[tuple[str, str]]) -> tuple[Photo, ...]:
    rows = await InspectionPhoto.select(*_COLUMNS).where(
        InspectionPhoto.key.is_in([key for key, _ in asked]))
    found = {row["key"]: _photo(tuple(row.values())) for row in rows}
    return tuple(found[key] for key, _ in asked if key in found)


async def stored_names(names: list[str]) -> set[str]:
    """Which of these files a stored photo names (the others may be deleted)."""
    rows = await InspectionPhoto.select(InspectionPhoto.file_name).where(
        InspectionPhoto.file_name.is_in(names))
    return {row["file_name"] for row in rows}


async def of_inspection(reader, inspection_id: int) -> tuple[Photo, ...]:
    rows = await reader.fetch(f"{_SELECT} WHERE inspection = ? ORDER BY id", [inspection_id])
    return tuple(map(_photo, rows))


async def of_permit(reader, permit_id: int) -> dict[int, tuple[Photo, ...]]:
    """The permit's photos by inspection (its Inspections tab, for those who see details)."""
    shown: dict[int, tuple[Photo, ...]] = {}
    for row in await reader.fetch(f"{_SELECT} WHERE permit = ? ORDER BY id", [permit_id]):
        photo = _photo(row)
        shown[photo.inspection_id] = (*shown.get(photo.inspection_id, ()), photo)
    return shown


async def found(reader, photo_id: int) -> PhotoFound | None:
    rows = await reader.fetch("SELECT file_name, thumb_name, permit FROM inspection_photo"
                              " WHERE id = ?", [photo_id])
    return PhotoFound(*rows[0]) if rows else None
