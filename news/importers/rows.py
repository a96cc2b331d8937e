"""Plain-row inserts for the importer: `executemany` without building model instances.

Django's `bulk_create` spends most of an import preparing values field by field and cannot
insert multi-table children; here each table gets one `INSERT` executed for all rows, with
only the columns that need it (dates, UUIDs, JSON) converted by their field. Primary keys are
reserved up front (PostgreSQL sequence, or SQLite's next rowid under the write lock held by the
transaction), so pages can point to their revisions before those are written: foreign keys
are checked at commit on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from wagtail.fields import StreamField

_CONVERTED = (models.DateTimeField, models.DateField, models.UUIDField, models.JSONField, StreamField)


class UnsupportedDatabase(Exception):
    """Bulk import needs PostgreSQL or SQLite (the two databases the portal runs on)."""


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys of `model`'s table, ascending. Call inside the transaction."""
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, column, count]
            )
            return sorted(row[0] for row in cursor.fetchall())
        if connection.vendor == "sqlite":
            cursor.execute(f"SELECT MAX({connection.ops.quote_name(column)}) FROM {connection.ops.quote_name(table)}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            start = max(highest, row[0] if row else 0) + 1
            return list(range(start, start + count))
    raise UnsupportedDatabase(f"bulk import does not support the {connection.vendor} database")


def _column_preparers(model: type[models.Model], attnames: Iterable[str]):
    fields = {field.attname: field for field in model._meta.concrete_fields}
    preparers = []
    for attname in attnames:
        field = fields[attname]
        if isinstance(field, models.DateTimeField):
            preparers.append((field.column, _memoised(field)))  # a batch shares a few distinct instants
        elif isinstance(field, _CONVERTED):
            preparers.append((field.column, lambda value, field=field: field.get_db_prep_save(value, connection)))
        else:
            preparers.append((field.column, None))
    return preparers


def _memoised(field: models.Field):
    seen: dict = {}

    def prepare(value):
        if value not in seen:
            seen[value] = field.get_db_prep_save(value, connection)
        return seen[value]

    return prepare


def insert_rows(model: type[models.Model], rows: list[dict], *, local_only: bool = False) -> None:
    """INSERT `rows` (dicts of attname -> Python value, all with the same keys) into `model`'s table.

    `local_only` writes only the model's own table of a multi-table model (the child row).
    """
    if not rows:
        return
    attnames = list(rows[0])
    if local_only:
        own = {field.attname for field in model._meta.local_concrete_fields}
        attnames = [name for name in attnames if name in own]
    preparers = _column_preparers(model, attnames)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column, _ in preparers)
    marks = ", ".join(["%s"] * len(preparers))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
    params = [
        [prepare(row[name]) if prepare else row[name] for name, (_, prepare) in zip(attnames, preparers, strict=True)]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
