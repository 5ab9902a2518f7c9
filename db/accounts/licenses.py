"""Looking up the imported CSLB license registry."""
from __future__ import annotations

from datetime import datetime

from db.tables import ContractorLicense
from domain.licenses import License, normalize_classifications


def _license(row: dict) -> License:
    return License(
        license_no=row["license_no"], business_name=row["business_name"], city=row["city"],
        state=row["state"], zip_code=row["zip_code"], phone=row["phone"],
        business_type=row["business_type"], issued_on=row["issued_on"],
        expires_on=row["expires_on"], primary_status=row["primary_status"],
        secondary_status=row["secondary_status"],
        classifications=normalize_classifications(row["classifications"]),
        wc_coverage=row["wc_coverage"], wc_insurer=row["wc_insurer"],
        wc_policy=row["wc_policy"], wc_expires_on=row["wc_expires_on"],
        last_update=row["last_update"], mailing_address=row["mailing_address"])


async def find_license(license_no: str) -> License | None:
    row = await ContractorLicense.select(
        *(c for c in ContractorLicense._meta.columns
          if c._meta.name not in ("id", "row_hash", "imported_at")),
    ).where(ContractorLicense.license_no == license_no).first()
    return _license(row) if row else None


async def registry_name(license_no: str | None) -> str | None:
    """The business name the state license file gives ``license_no``, or None. The one name a
    page, e-mail, permit or open data file shows for a license: what an account typed at
    registration is anyone's claim (issue 14 §2: a stranger may register any license)."""
    if not license_no:
        return None
    row = await ContractorLicense.select(ContractorLicense.business_name).where(
        ContractorLicense.license_no == license_no).first()
    return row["business_name"] if row else None


async def last_import() -> datetime | None:
    row = await ContractorLicense.select(ContractorLicense.imported_at).order_by(
        ContractorLicense.imported_at, ascending=False).first()
    return row["imported_at"] if row else None


