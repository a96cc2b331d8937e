"""PostgreSQL: entry columns copied into search_pgindex, a GIN index on `head`, and triggers
that keep the copy from outliving its entry (see search.backends.postgres)."""

from django.db import migrations


def upgrade(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from search.backends.postgres import UPGRADE_SQL

        for statement in UPGRADE_SQL:
            schema_editor.execute(statement)


def downgrade(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from search.backends.postgres import DOWNGRADE_SQL

        for statement in DOWNGRADE_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_meta_index")]

    operations = [migrations.RunPython(upgrade, downgrade)]
