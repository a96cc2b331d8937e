"""Full-text structures beside SearchEntry: FTS5 tables on SQLite, a tsvector table on PostgreSQL.

The SQL is frozen here, as it was when this migration was written: a later change to the
backends never rewrites history.
"""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(content, content='', detail=none, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_head USING fts5(title, lead, toned, content='', prefix='2 3', tokenize='unicode61 remove_diacritics 0')",
]

SQLITE_DROP = [
    'DROP TABLE IF EXISTS search_fts',
    'DROP TABLE IF EXISTS search_head',
]

POSTGRES_CREATE = [
    'CREATE TABLE IF NOT EXISTS search_pgindex (\n        page_id bigint PRIMARY KEY,\n        vector tsvector NOT NULL,\n        head tsvector NOT NULL,\n        toned tsvector NOT NULL,\n        title tsvector NOT NULL\n    )',
    'CREATE INDEX IF NOT EXISTS search_pgindex_vector ON search_pgindex USING gin (vector)',
    'CREATE INDEX IF NOT EXISTS search_pgindex_title ON search_pgindex USING gin (title)',
]

POSTGRES_DROP = [
    'DROP TABLE IF EXISTS search_pgindex',
]


def create(apps, schema_editor):
    statements = {
        "sqlite": SQLITE_CREATE,
        "postgresql": POSTGRES_CREATE,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    statements = {
        "sqlite": SQLITE_DROP,
        "postgresql": POSTGRES_DROP,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
