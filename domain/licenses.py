"""California contractor licenses: reading CSLB License Master rows and judging good standing."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date

from domain.license_status import is_good_standing, status_sentence
from domain.outcomes import Accepted, Rejected

# The CSLB "License Master" header, in order (../shared/reference/cslb.md).
CSLB_HEADER: tuple[str, ...] = (
    "LicenseNo", "LastUpdate", "BusinessName", "BUS-NAME-2", "FullBusinessName",
    "MailingAddress", "City", "State", "County", "ZIPCode", "country", "BusinessPhone",
    "BusinessType", "IssueDate", "ReissueDate", "ExpirationDate", "InactivationDate",
    "ReactivationDate", "PendingSuspension", "PendingClassRemoval", "PendingClassReplace",
    "PrimaryStatus", "SecondaryStatus", "Classifications(s)", "AsbestosReg",
    "WorkersCompCoverageType", "WCInsuranceCompany", "WCPolicyNumber", "WCEffectiveDate",
    "WCExpirationDate", "WCCancellationDate", "WCSuspendDate", "CBSuretyCompany", "CBNumber",
    "CBEffectiveDate", "CBCancellationDate", "CBAmount", "WBSuretyCompany", "WBNumber",
    "WBEffectiveDate", "WBCancellationDate", "WBAmount", "DBSuretyCompany", "DBNumber",
    "DBEffectiveDate", "DBCancellationDate", "DBAmount", "DateRequired", "DiscpCaseRegion",
    "DBBondReason", "DBCaseNo", "NAME-TP-2",
)
# Business & Professions Code §7125: a licensee certifies coverage or an exemption (no
# employees). "Exempt" is how the License Master spells the exemption.
WC_EXEMPT = "exempt"

LICENSE_DIGITS = 8  # CSLB license numbers
_LICENSE_NO = re.compile(rf"\d{{1,{LICENSE_DIGITS}}}", re.ASCII)  # "١٢٣" is not one
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
# Class tokens: A, B, B-2, C-10, D-12 and the unhyphenated spellings (C10, B2).
_CLASS = re.compile(r"([A-D])-?(\d{1,2})?", re.ASCII)


@dataclass(frozen=True)
class License:
    """One row of the CSLB License Master file, as the portal keeps it."""
    license_no: str
    business_name: str
    city: str
    state: str
    zip_code: str
    phone: str
    business_type: str
    issued_on: date | None
    expires_on: date | None
    primary_status: str
    secondary_status: str
    classifications: tuple[str, ...]
    wc_coverage: str
    wc_insurer: str
    wc_policy: str
    wc_expires_on: date | None
    last_update: date | None
    # The address of record (MailingAddress): where the city mails a claim letter.
    mailing_address: str = ""

    @property
    def classes(self) -> str:
        return "|".join(self.classifications)


def normalize_license_no(text: str) -> str | None:
    """The license number as the registry keys it: digits without leading zeros."""
    digits = text.strip()
    if not _LICENSE_NO.fullmatch(digits) or int(digits) == 0:
        return None
    return str(int(digits))


def normalize_classifications(text: str) -> tuple[str, ...]:
    """``B|C10|C-36|ASB`` → ``('B', 'C-10', 'C-36', 'ASB')``; order kept, duplicates dropped."""
    found: list[str] = []
    for token in text.split("|"):
        token = token.strip().upper()
        if not token:
            continue
        match = _CLASS.fullmatch(token)
        if match:
            token = match[1] if match[2] is None else f"{match[1]}-{int(match[2])}"
        if token not in found:
            found.append(token)
    return tuple(found)


def parse_date(text: str) -> date | None:
    """MM/DD/YYYY or empty; ValueError on anything else."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a MM/DD/YYYY date")
    month, day, year = (int(part) for part in match.groups())
    return date(year, month, day)


# What an import says of a file, or of one of its lines, that it cannot read.
NOT_A_LICENSE_FILE = ("The first line is not the CSLB License Master header ({columns} columns, "
                      "starting LicenseNo, LastUpdate).")
UNREADABLE_QUOTING = "unreadable quoting ({error})"
FIELD_COUNT = "{found} fields instead of {columns}"
COLUMN_PROBLEM = "{column}: {problem}"


def header_problem(line: str) -> str | None:
    """Why the first line of a file is not the License Master header; None when it is."""
    header = next(csv.reader([line]), [])
    if tuple(name.strip() for name in header) == CSLB_HEADER:
        return None
    return NOT_A_LICENSE_FILE.format(columns=len(CSLB_HEADER))


def read_license_line(line: str) -> Accepted[License] | Rejected:
    """One line of a License Master file after the header; a refusal says why in one line."""
    try:
        fields = next(csv.reader([line], strict=True))
    except csv.Error as error:
        return Rejected({"line": UNREADABLE_QUOTING.format(error=error)})
    if len(fields) != len(CSLB_HEADER):
        return Rejected({"line": FIELD_COUNT.format(found=len(fields), columns=len(CSLB_HEADER))})
    outcome = parse_license_row(dict(zip(CSLB_HEADER, fields)))
    if isinstance(outcome, Rejected):
        return Rejected({"line": "; ".join(COLUMN_PROBLEM.format(column=column, problem=problem)
                                           for column, problem in outcome.errors.items())})
    return outcome


def parse_license_row(row: dict[str, str]) -> Accepted[License] | Rejected:
    """One License Master row, checked; errors are keyed by column name."""
    errors: dict[str, str] = {}
    license_no = normalize_license_no(row.get("LicenseNo", ""))
    if license_no is None:
        errors["LicenseNo"] = f"{row.get('LicenseNo', '')!r} is not a license number"
    name = (row.get("FullBusinessName") or row.get("BusinessName") or "").strip()
    if not name:
        errors["BusinessName"] = "the business name is empty"
    status = row.get("PrimaryStatus", "").strip()
    if not status:
        errors["PrimaryStatus"] = "the primary status is empty"
    dates: dict[str, date | None] = {}
    for column in ("IssueDate", "ExpirationDate", "WCExpirationDate", "LastUpdate"):
        try:
            dates[column] = parse_date(row.get(column, ""))
        except ValueError as error:
            errors[column] = str(error)
    if errors:
        return Rejected(errors)
    return Accepted(License(
        license_no=license_no, business_name=name[:200],
        city=row.get("City", "").strip()[:60], state=row.get("State", "").strip()[:2],
        zip_code=row.get("ZIPCode", "").strip()[:10],
        phone=row.get("BusinessPhone", "").strip()[:20],
        business_type=row.get("BusinessType", "").strip()[:40],
        issued_on=dates["IssueDate"], expires_on=dates["ExpirationDate"],
        primary_status=status[:40], secondary_status=row.get("SecondaryStatus", "").strip()[:40],
        classifications=normalize_classifications(row.get("Classifications(s)", "")),
        wc_coverage=row.get("WorkersCompCoverageType", "").strip()[:60],
        wc_insurer=row.get("WCInsuranceCompany", "").strip()[:120],
        wc_policy=row.get("WCPolicyNumber", "").strip()[:40],
        wc_expires_on=dates["WCExpirationDate"], last_update=dates["LastUpdate"],
        mailing_address=" ".join(row.get("MailingAddress", "").split())[:120],
    ))


def standing(license: License, today: date) -> Accepted[License] | Rejected:
    """Whether the license may pull permits today; each failed rule names its reason."""
    errors: dict[str, str] = {}
    if not is_good_standing(license.primary_status):
        errors["status"] = status_sentence(license.license_no, license.primary_status)
    if license.expires_on is None:
        errors["expired"] = (f"License {license.license_no} has no expiration date on file "
                             "with the CSLB.")
    elif license.expires_on < today:
        errors["expired"] = (f"License {license.license_no} expired on "
                             f"{license.expires_on:%B} {license.expires_on.day}, "
                             f"{license.expires_on.year}.")
    if license.wc_coverage.lower() != WC_EXEMPT:
        covered = bool(license.wc_coverage and license.wc_policy) and (
            license.wc_expires_on is None or license.wc_expires_on >= today)
        if not covered:
            errors["workers_comp"] = (
                f"License {license.license_no} has no current workers' compensation coverage "
                "or exemption on file with the CSLB.")
    return Rejected(errors) if errors else Accepted(license)


NOT_IN_REGISTRY = "License {license_no} is not in the state registry."


def inspection_license_errors(license_no: str | None, license: License | None, today: date
                              ) -> list[str]:
    """Why the account's contractor license may not get inspections today: none for an
    owner-builder (no license number: they build under the §7044 exemption, not a license);
    the license missing from the state registry; or each failed rule of its standing."""
    if not license_no:
        return []
    if license is None:
        return [NOT_IN_REGISTRY.format(license_no=license_no)]
    outcome = standing(license, today)
    return list(outcome.errors.values()) if isinstance(outcome, Rejected) else []


def not_in_state_file(help_phone: str) -> str:
    """Why an account whose license the state file lacks cannot apply online, and what to do:
    e-permits check the license's classes and standing against that file (B&P Code §7031)."""
    return (f"Your license is not in the state's license data we hold, and e-permits check the "
            f"work a license allows against it. Apply at the permit counter or call "
            f"{help_phone}; once the state's license file lists it, you can apply here.")
