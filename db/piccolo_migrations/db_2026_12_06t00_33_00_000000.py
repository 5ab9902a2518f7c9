"""Unique keys of issue 17's tables that Piccolo cannot declare."""
from db.piccolo_migrations.raw_ddl import ddl_migration

ID = "2026-12-06T00:33:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "issue 17: photo keys, one route order per inspector and day, one fee per failure"

COMMON = [
    # A photo sent again after its answer was lost is the same photo (issue 17 §1).
    "CREATE UNIQUE INDEX inspection_photo_key ON inspection_photo (key)",
    # One order of the day's stops per inspector (issue 17 §3).
    "CREATE UNIQUE INDEX route_order_account_day ON route_order (account, day)",
    # A failed inspection assesses its reinspection fee once (issue 17 §4).
    "CREATE UNIQUE INDEX fee_item_inspection ON fee_item (inspection_id)",
]

forwards = ddl_migration(ID, DESCRIPTION, COMMON, (), ())
