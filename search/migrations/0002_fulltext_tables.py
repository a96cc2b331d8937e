"""Full-text structures beside SearchEntry: FTS5 tables on SQLite, a tsvector table on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from search.backends.sqlite import CREATE_SQL
    elif vendor == "postgresql":
        from search.backends.postgres import CREATE_SQL
    else:
        return
    for statement in CREATE_SQL:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        from search.backends.sqlite import DROP_SQL
    elif vendor == "postgresql":
        from search.backends.postgres import DROP_SQL
    else:
        return
    for statement in DROP_SQL:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
