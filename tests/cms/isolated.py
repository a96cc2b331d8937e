"""Test helper: every file storage in a fresh temporary folder, so file checks see only the
files a test wrote (the session-wide PRIVATE_MEDIA_ROOT holds files of every other test)."""

from __future__ import annotations

import os
from contextlib import contextmanager

from cms import files
from cms.storage import PrivateStorage


@contextmanager
def isolated_storages(tmp_path, settings):
    """Point MEDIA_ROOT and every private storage under `tmp_path`; yield (media, private)."""
    media, private = tmp_path / "media", tmp_path / "private"
    old_private = os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    settings.MEDIA_ROOT = media
    moved = {}
    for field in files.file_fields():
        storage = field.storage
        if isinstance(storage, PrivateStorage) and id(storage) not in moved:
            moved[id(storage)] = (storage, storage._location)
            relative = os.path.relpath(os.path.abspath(storage.location), old_private)
            storage._location = str(private / relative)
            storage.__dict__.pop("base_location", None)
            storage.__dict__.pop("location", None)
    try:
        yield media, private
    finally:
        for storage, location in moved.values():
            storage._location = location
            storage.__dict__.pop("base_location", None)
            storage.__dict__.pop("location", None)


def files_under(root) -> list[str]:
    """Every file under `root`, as paths relative to it, sorted."""
    found = []
    for dirpath, _dirnames, filenames in os.walk(root):
        for filename in filenames:
            found.append(os.path.relpath(os.path.join(dirpath, filename), root))
    return sorted(found)
