"""PostgreSQL: entry columns copied into search_pgindex, a GIN index on `head`, and triggers
that keep the copy from outliving its entry (see search.backends.postgres).

The SQL is frozen here, as it was when this migration was written: a later change to the
backends never rewrites history.
"""

from django.db import migrations

UPGRADE = [
    "ALTER TABLE search_pgindex\n        ADD COLUMN IF NOT EXISTS kind varchar(32) NOT NULL DEFAULT '',\n        ADD COLUMN IF NOT EXISTS year integer,\n        ADD COLUMN IF NOT EXISTS date timestamptz,\n        ADD COLUMN IF NOT EXISTS category_slugs varchar(1000) NOT NULL DEFAULT '',\n        ADD COLUMN IF NOT EXISTS categories jsonb NOT NULL DEFAULT '[]'::jsonb",
    'UPDATE search_pgindex x SET kind = e.kind, year = e.year, date = e.date,\n        category_slugs = e.category_slugs, categories = e.categories\n        FROM search_searchentry e WHERE e.page_id = x.page_id',
    'DELETE FROM search_pgindex x WHERE NOT EXISTS (SELECT 1 FROM search_searchentry e WHERE e.page_id = x.page_id)',
    'CREATE INDEX IF NOT EXISTS search_pgindex_head ON search_pgindex USING gin (head)',
    'CREATE OR REPLACE FUNCTION search_pgindex_forget() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_pgindex x USING gone WHERE x.page_id = gone.page_id; RETURN NULL; END $$',
    'CREATE OR REPLACE FUNCTION search_pgindex_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_pgindex; RETURN NULL; END $$',
    'DROP TRIGGER IF EXISTS search_pgindex_forget ON search_searchentry',
    'CREATE TRIGGER search_pgindex_forget AFTER DELETE ON search_searchentry\n        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION search_pgindex_forget()',
    'DROP TRIGGER IF EXISTS search_pgindex_forget_all ON search_searchentry',
    'CREATE TRIGGER search_pgindex_forget_all AFTER TRUNCATE ON search_searchentry FOR EACH STATEMENT EXECUTE FUNCTION search_pgindex_forget_all()',
]

DOWNGRADE = [
    'DROP TRIGGER IF EXISTS search_pgindex_forget ON search_searchentry',
    'DROP TRIGGER IF EXISTS search_pgindex_forget_all ON search_searchentry',
    'DROP FUNCTION IF EXISTS search_pgindex_forget()',
    'DROP FUNCTION IF EXISTS search_pgindex_forget_all()',
    'DROP INDEX IF EXISTS search_pgindex_head',
    'ALTER TABLE search_pgindex DROP COLUMN IF EXISTS kind, DROP COLUMN IF EXISTS year, DROP COLUMN IF EXISTS date,\n        DROP COLUMN IF EXISTS category_slugs, DROP COLUMN IF EXISTS categories',
]


def upgrade(apps, schema_editor):
    statements = {
        "postgresql": UPGRADE,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def downgrade(apps, schema_editor):
    statements = {
        "postgresql": DOWNGRADE,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_meta_index")]

    operations = [migrations.RunPython(upgrade, downgrade)]
