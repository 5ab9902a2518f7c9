"""The owner-builder declaration (Business & Professions Code §7044; Health & Safety Code
§19825's "Owner-Builder Acknowledgment and Verification of Information")."""
from __future__ import annotations

from domain.outcomes import Accepted, Rejected

# Each must be acknowledged; paraphrased from the statutory acknowledgment form.
DECLARATIONS: dict[str, str] = {
    "owner": "I own the residence at this address and I will live in it or improve it for "
             "my own use.",
    "responsible": "I understand that as an owner-builder I am the responsible party of "
                   "record on the permit, for the work and for its inspections.",
    "employer": "I understand that if I hire anyone other than licensed contractors for work "
                "of $500 or more, I am their employer: I must carry workers' compensation and "
                "withhold payroll taxes.",
    "not_for_sale": "I understand that I may not build to sell: an owner-builder who sells "
                    "within one year of completing the work must prove they did not build it "
                    "for sale (§7044(a)(1)).",
    "licensed_trades": "I understand that any contractor I hire must hold a current "
                       "California license for the trade.",
    "comply": "I will follow all building laws, codes and inspection requirements that apply.",
}


def check_declarations(acknowledged: list[str]) -> Accepted[list[str]] | Rejected:
    missing = [key for key in DECLARATIONS if key not in acknowledged]
    if missing:
        return Rejected({"declare": "Tick every statement of the owner-builder declaration "
                                    "to go on."})
    return Accepted(list(DECLARATIONS))
