"""Full-text search (FTS5 / tsvector) and composite indexes Piccolo cannot declare."""
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-26T23:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "search and composite indexes"

SQLITE = [
    "CREATE INDEX parcel_street ON parcel (street_key, house_number)",
    "CREATE INDEX parcel_house_number ON parcel (house_number)",
    "CREATE INDEX permit_type_applied ON permit (permit_type, applied_on)",
    "CREATE INDEX permit_status_applied ON permit (status, applied_on)",
    # External-content FTS5 over the permit row, kept in step by triggers. permit_type,
    # status and the months of application and issue are indexed as filters, so a filtered
    # word search intersects posting lists instead of walking every match of a common word
    # (db/permits/fulltext.permit_match). The months come from a view that FTS5 reads on rebuild.
    """CREATE VIEW permit_fts_source AS SELECT id, number, site_address, contractor_name,
        contractor_license, subtype, description, permit_type, status,
        'a' || strftime('%Y%m', applied_on) AS applied_month,
        'i' || strftime('%Y%m', issued_on) AS issued_month FROM permit""",
    """CREATE VIRTUAL TABLE permit_fts USING fts5(
        number, site_address, contractor_name, contractor_license, subtype, description,
        permit_type, status, applied_month, issued_month,
        content='permit_fts_source', content_rowid='id', tokenize='unicode61', prefix='2 3')""",
    """CREATE TRIGGER permit_fts_ai AFTER INSERT ON permit BEGIN
        INSERT INTO permit_fts(rowid, number, site_address, contractor_name, contractor_license,
            subtype, description, permit_type, status, applied_month, issued_month)
        SELECT * FROM permit_fts_source WHERE id = new.id;
    END""",
    """CREATE TRIGGER permit_fts_ad AFTER DELETE ON permit BEGIN
        INSERT INTO permit_fts(permit_fts, rowid, number, site_address, contractor_name,
            contractor_license, subtype, description, permit_type, status, applied_month,
            issued_month)
        VALUES ('delete', old.id, old.number, old.site_address, old.contractor_name,
            old.contractor_license, old.subtype, old.description, old.permit_type, old.status,
            'a' || strftime('%Y%m', old.applied_on), 'i' || strftime('%Y%m', old.issued_on));
    END""",
    """CREATE TRIGGER permit_fts_au AFTER UPDATE OF number, site_address, contractor_name,
        contractor_license, subtype, description, permit_type, status, applied_on, issued_on
        ON permit BEGIN
        INSERT INTO permit_fts(permit_fts, rowid, number, site_address, contractor_name,
            contractor_license, subtype, description, permit_type, status, applied_month,
            issued_month)
        VALUES ('delete', old.id, old.number, old.site_address, old.contractor_name,
            old.contractor_license, old.subtype, old.description, old.permit_type, old.status,
            'a' || strftime('%Y%m', old.applied_on), 'i' || strftime('%Y%m', old.issued_on));
        INSERT INTO permit_fts(rowid, number, site_address, contractor_name, contractor_license,
            subtype, description, permit_type, status, applied_month, issued_month)
        SELECT * FROM permit_fts_source WHERE id = new.id;
    END""",
    """CREATE VIRTUAL TABLE project_fts USING fts5(
        name, description, content='project', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER project_fts_ai AFTER INSERT ON project BEGIN
        INSERT INTO project_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
    END""",
    """CREATE TRIGGER project_fts_ad AFTER DELETE ON project BEGIN
        INSERT INTO project_fts(project_fts, rowid, name, description)
        VALUES ('delete', old.id, old.name, old.description);
    END""",
    """CREATE TRIGGER project_fts_au AFTER UPDATE OF name, description ON project BEGIN
        INSERT INTO project_fts(project_fts, rowid, name, description)
        VALUES ('delete', old.id, old.name, old.description);
        INSERT INTO project_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
    END""",
]

POSTGRES = [
    "CREATE INDEX parcel_street ON parcel (street_key, house_number)",
    "CREATE INDEX parcel_house_number ON parcel (house_number)",
    "CREATE INDEX permit_type_applied ON permit (permit_type, applied_on)",
    "CREATE INDEX permit_status_applied ON permit (status, applied_on)",
    "CREATE INDEX permit_parcel_id ON permit (parcel, id)",
    "CREATE INDEX permit_license_id ON permit (contractor_license, id)",
    'CREATE INDEX permit_number_c ON permit (number COLLATE "C")',
    # A generated tsvector stays in step with the row without triggers.
    """ALTER TABLE permit ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
        coalesce(number, '') || ' ' || coalesce(site_address, '') || ' ' ||
        coalesce(contractor_name, '') || ' ' || coalesce(contractor_license, '') || ' ' ||
        coalesce(subtype, '') || ' ' || coalesce(description, ''))) STORED""",
    "CREATE INDEX permit_search ON permit USING gin (search)",
    """ALTER TABLE project ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
        coalesce(name, '') || ' ' || coalesce(description, ''))) STORED""",
    "CREATE INDEX project_search ON project USING gin (search)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="db", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for statement in SQLITE if engine.engine_type == "sqlite" else POSTGRES:
            await engine.run_ddl(statement)

    manager.add_raw(run)
    return manager
