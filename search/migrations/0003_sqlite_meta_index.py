"""SQLite: a covering index of the columns every full-text match reads (see search.backends.sqlite)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from search.backends.sqlite import META_INDEX_SQL

        for statement in META_INDEX_SQL:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from search.backends.sqlite import META_INDEX_DROP_SQL

        for statement in META_INDEX_DROP_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]

    operations = [migrations.RunPython(create, drop)]
