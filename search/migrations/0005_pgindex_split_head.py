"""PostgreSQL: the ranking vectors (head, toned, title) move to search_pghead, and search_pgindex
is rebuilt narrow, so a common-word match reads a quarter of the pages (see search.backends.postgres)."""

from django.db import migrations


def split(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from search.backends.postgres import SPLIT_SQL

        for statement in SPLIT_SQL:
            schema_editor.execute(statement)


def unsplit(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from search.backends.postgres import UNSPLIT_SQL

        for statement in UNSPLIT_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pgindex_entry_columns")]

    operations = [migrations.RunPython(split, unsplit)]
