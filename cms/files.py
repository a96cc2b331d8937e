"""Files and rows agree: every FileField's file exists, every stored file has a row.

Used by `manage.py check_files` and by the purge rule for abandoned temporary uploads. It
looks at every FileField/ImageField of every installed model (Wagtail images, renditions and
documents included) whose storage is on the local file system, so a new model with a file is
checked without being listed here. Memory stays bounded: rows are read with
`.values_list(...).iterator()`, and files found on disk are looked up in batches.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.db import models

from cms import storage as private

BATCH = 500


@dataclass(frozen=True)
class StoredField:
    """One FileField of one model and where its storage keeps files."""

    model: type[models.Model]
    name: str
    storage: FileSystemStorage

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    @property
    def root(self) -> str:
        return os.path.abspath(self.storage.location)

    def final_path(self, name: str) -> str:
        return os.path.abspath(os.path.join(self.root, name))

    def covers(self, path: str) -> bool:
        return os.path.commonpath([self.root, path]) == self.root


@dataclass(frozen=True)
class Missing:
    """A row whose file is not on disk."""

    label: str
    pk: object
    name: str


@dataclass(frozen=True)
class Stray:
    """A file on disk that no row refers to (`final` is set for a temporary upload whose
    committed row exists but whose rename never happened: it is moved, not removed)."""

    path: str
    temporary: bool = False
    final: str = ""


def file_fields() -> list[StoredField]:
    """Every concrete FileField of every installed model, when its storage is on local disk."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        for field in meta.concrete_fields:
            if isinstance(field, models.FileField) and isinstance(field.storage, FileSystemStorage):
                found.append(StoredField(model=model, name=field.attname, storage=field.storage))
    return found


def roots(fields: Iterable[StoredField]) -> list[str]:
    """The storage folders to walk, without folders nested in another one."""
    unique = sorted({f.root for f in fields}, key=len)
    outer: list[str] = []
    for root in unique:
        if not any(os.path.commonpath([o, root]) == o for o in outer):
            outer.append(root)
    return outer


def _rows(field: StoredField):
    manager = field.model._base_manager
    return manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True}).order_by()


def missing_files(fields: list[StoredField] | None = None) -> Iterator[Missing]:
    """Rows whose file does not exist."""
    for field in fields if fields is not None else file_fields():
        for pk, name in _rows(field).values_list("pk", field.name).iterator(chunk_size=2000):
            if not os.path.isfile(field.storage.path(name)):
                yield Missing(label=field.label, pk=pk, name=name)


def _referenced(paths: list[str], fields: list[StoredField]) -> set[str]:
    """Those of `paths` (absolute) that some row of some field refers to."""
    found: set[str] = set()
    for field in fields:
        names = {os.path.relpath(p, field.root).replace(os.sep, "/"): p for p in paths if field.covers(p)}
        if not names:
            continue
        stored = _rows(field).filter(**{f"{field.name}__in": list(names)}).values_list(field.name, flat=True)
        found.update(names[name] for name in stored if name in names)
    return found


def _disk_files(folders: list[str]) -> Iterator[str]:
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                if not filename.startswith("."):  # .gitkeep and the like belong to no model
                    yield os.path.join(dirpath, filename)


def _batched(items: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _classify_parts(parts: list[str], fields: list[StoredField]) -> Iterator[Stray]:
    finals = {p: private.part_final_name(p) for p in parts}
    referenced = _referenced(list(finals.values()), fields)
    for part, final in finals.items():
        if final in referenced and not os.path.exists(final):
            yield Stray(path=part, temporary=True, final=final)
        else:
            yield Stray(path=part, temporary=True)


def strays(
    fields: list[StoredField] | None = None,
    now: datetime | None = None,
    folders: list[str] | None = None,
    only_temporary: bool = False,
) -> Iterator[Stray]:
    """Files on disk no row refers to, and temporary uploads left behind (only those older than
    UPLOAD_PARTS_RETENTION_MINUTES, and never one this process still waits to move)."""
    fields = fields if fields is not None else file_fields()
    for batch in _batched(_disk_files(folders if folders is not None else roots(fields))):
        plain, parts = [], []
        for path in batch:
            if private.part_final_name(path) is None:
                if not only_temporary:
                    plain.append(path)
            elif private.part_is_stale(path, now) and not private.is_pending(path):
                parts.append(path)
        referenced = _referenced(plain, fields) if plain else set()
        for path in plain:
            if path not in referenced:
                yield Stray(path=path)
        if parts:
            yield from _classify_parts(parts, fields)


def resolve(stray: Stray) -> str:
    """Remove a stray file, or finish the move of a committed temporary upload.
    Returns "moved" or "removed"."""
    if stray.final:
        os.replace(stray.path, stray.final)
        return "moved"
    try:
        os.remove(stray.path)
    except FileNotFoundError:
        pass
    return "removed"


def _private_fields() -> list[StoredField]:
    return [f for f in file_fields() if isinstance(f.storage, private.PrivateStorage)]


def stale_parts(now: datetime | None = None) -> Iterator[Stray]:
    """Abandoned temporary uploads in the private storages (the only ones that write them)."""
    fields = _private_fields()
    yield from strays(fields=fields, now=now, folders=roots(fields), only_temporary=True)


def clean_stale_parts(now: datetime | None = None) -> int:
    """Remove abandoned temporary uploads (or finish their move); return how many."""
    return sum(1 for stray in list(stale_parts(now)) if resolve(stray))
