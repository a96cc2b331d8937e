"""SQLite: a covering index of the columns every full-text match reads (see search.backends.sqlite).

The SQL is frozen here, as it was when this migration was written: a later change to the
backends never rewrites history.
"""

from django.db import migrations

CREATE = [
    'CREATE INDEX IF NOT EXISTS search_entry_meta ON search_searchentry (page_id, kind, year, date, category_slugs, categories)',
]

DROP = [
    'DROP INDEX IF EXISTS search_entry_meta',
]


def create(apps, schema_editor):
    statements = {
        "sqlite": CREATE,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    statements = {
        "sqlite": DROP,
    }.get(schema_editor.connection.vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]

    operations = [migrations.RunPython(create, drop)]
