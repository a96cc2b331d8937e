"""PostgreSQL: the ranking vectors (head, toned, title) move to search_pghead, and search_pgindex
is rebuilt narrow, so a common-word match reads a quarter of the pages (see search.backends.postgres).

The SQL is frozen here, as it was when this migration was written: a later change to the
backends never rewrites history.
"""

from django.db import migrations

SPLIT = [
    'CREATE TABLE search_pghead (\n        page_id bigint PRIMARY KEY,\n        head tsvector NOT NULL,\n        toned tsvector NOT NULL,\n        title tsvector NOT NULL\n    )',
    'INSERT INTO search_pghead (page_id, head, toned, title) SELECT page_id, head, toned, title FROM search_pgindex',
    'CREATE INDEX search_pghead_head ON search_pghead USING gin (head)',
    'CREATE INDEX search_pghead_title ON search_pghead USING gin (title)',
    'ALTER TABLE search_pgindex RENAME TO search_pgindex_wide',
    'ALTER INDEX IF EXISTS search_pgindex_vector RENAME TO search_pgindex_wide_vector',
    'ALTER INDEX IF EXISTS search_pgindex_pkey RENAME TO search_pgindex_wide_pkey',
    "CREATE TABLE search_pgindex (\n        page_id bigint PRIMARY KEY,\n        kind varchar(32) NOT NULL DEFAULT '',\n        year integer,\n        date timestamptz,\n        category_slugs varchar(1000) NOT NULL DEFAULT '',\n        categories jsonb NOT NULL DEFAULT '[]'::jsonb,\n        vector tsvector NOT NULL\n    )",
    'INSERT INTO search_pgindex (page_id, kind, year, date, category_slugs, categories, vector)\n        SELECT page_id, kind, year, date, category_slugs, categories, vector FROM search_pgindex_wide',
    'DROP TABLE search_pgindex_wide',
    'CREATE INDEX search_pgindex_vector ON search_pgindex USING gin (vector)',
    'CREATE OR REPLACE FUNCTION search_pgindex_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_pgindex x USING gone WHERE x.page_id = gone.page_id; DELETE FROM search_pghead x USING gone WHERE x.page_id = gone.page_id; RETURN NULL; END $$',
    'CREATE OR REPLACE FUNCTION search_pgindex_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_pgindex; DELETE FROM search_pghead; RETURN NULL; END $$',
]

UNSPLIT = [
    'ALTER TABLE search_pgindex ADD COLUMN head tsvector, ADD COLUMN toned tsvector, ADD COLUMN title tsvector',
    'UPDATE search_pgindex x SET head = h.head, toned = h.toned, title = h.title FROM search_pghead h WHERE h.page_id = x.page_id',
    'DELETE FROM search_pgindex WHERE head IS NULL',
    'ALTER TABLE search_pgindex ALTER COLUMN head SET NOT NULL, ALTER COLUMN toned SET NOT NULL, ALTER COLUMN title SET NOT NULL',
    'CREATE INDEX IF NOT EXISTS search_pgindex_head ON search_pgindex USING gin (head)',
    'CREATE INDEX IF NOT EXISTS search_pgindex_title ON search_pgindex USING gin (title)',
    'DROP TABLE search_pghead',
    'CREATE OR REPLACE FUNCTION search_pgindex_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_pgindex x USING gone WHERE x.page_id = gone.page_id; RETURN NULL; END $$',
    'CREATE OR REPLACE FUNCTION search_pgindex_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_pgindex; RETURN NULL; END $$',
]


def split(apps, schema_editor):
    statements = {
        "postgresql": SPLIT,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def unsplit(apps, schema_editor):
    statements = {
        "postgresql": UNSPLIT,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pgindex_entry_columns")]

    operations = [migrations.RunPython(split, unsplit)]
