"""Private storage for citizens' files, whose files appear only when their rows do.

A dossier or a tip is saved in one transaction together with its files. Rows roll back, files
on disk do not, so a plain FileSystemStorage leaves files no row refers to after every failed
submission. Here a file written inside a transaction goes to a temporary name,
`<name>.part-<uuid>`, and is renamed to `<name>` by `transaction.on_commit` (`os.replace`, atomic
on one file system). The design, kept as small as it can be:

- Outside a transaction (autocommit) the file is written to its final name at once.
- Until the commit this process maps the final name to the temporary file (`path()`), so code
  that reads, measures or deletes the file right after saving it in the same transaction
  works unchanged; other processes cannot see the row yet, so they never ask for the file.
- Django has no on-rollback hook. When the transaction (or the savepoint) rolls back, Django
  drops the on-commit callback; the next save in the same thread notices this and deletes the
  temporary files of the rolled-back writes (`discard_rolled_back`). Whatever is left after a
  crash is a `.part-` file older than UPLOAD_PARTS_RETENTION_MINUTES: `manage.py purge` and
  `manage.py check_files --yes` remove it, or finish the move when a committed row refers to
  its final name (a crash between the commit and the rename).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import FileResponse

logger = logging.getLogger(__name__)

PART_MARK = ".part-"
PART_RE = re.compile(r"^(?P<final>.+)\.part-[0-9a-f]{32}$")

_pending: dict[str, str] = {}  # final absolute path -> temporary absolute path, until commit
_lock = threading.Lock()
_local = threading.local()


@dataclass
class _Write:
    final: str
    temp: str
    done: bool = False
    callback: object = field(default=None, repr=False)


def _move(write: _Write) -> None:
    write.done = True
    with _lock:
        if _pending.get(write.final) == write.temp:
            del _pending[write.final]
    try:
        os.replace(write.temp, write.final)
    except FileNotFoundError:
        pass  # deleted again before the commit: nothing to move


def _writes() -> list[_Write]:
    if not hasattr(_local, "writes"):
        _local.writes = []
    return _local.writes


def _remove_temp(write: _Write) -> None:
    with _lock:
        if _pending.get(write.final) == write.temp:
            del _pending[write.final]
    try:
        os.remove(write.temp)
    except FileNotFoundError:
        pass


def discard_rolled_back() -> int:
    """Delete this thread's temporary files whose transaction rolled back; return how many.

    A write is rolled back when its on-commit callback neither ran nor is still queued on the
    connection (Django drops the callbacks of a rolled-back transaction or savepoint).
    """
    writes = _writes()
    if not writes:
        return 0
    connection = transaction.get_connection()
    queued = {id(func) for _sids, func, _robust in connection.run_on_commit}
    removed = 0
    keep = []
    for write in writes:
        if write.done:
            continue
        if id(write.callback) in queued:
            keep.append(write)
            continue
        _remove_temp(write)
        removed += 1
    writes[:] = keep
    return removed


def discard_after_request(**kwargs) -> None:
    """`request_finished` receiver: the request's transactions are over, so every write of
    this thread that was not moved into place was rolled back."""
    if _writes():
        discard_rolled_back()


class PrivateStorage(FileSystemStorage):
    """Files with no public address (`url()` refuses: they are streamed by checked views),
    written under a temporary name and moved into place only when the transaction commits."""

    def url(self, name):
        raise ValueError("Private files have no public URL; stream them through a permission-checked view.")

    def path(self, name):
        final = super().path(name)
        temp = _pending.get(final)
        if temp is None:
            return final
        if not os.path.exists(temp):  # removed by a sweep: forget it
            with _lock:
                _pending.pop(final, None)
            return final
        return temp

    def _write(self, name, content):
        """Write `name`; a write that fails half-way (a full disk) leaves no partial file."""
        try:
            return super()._save(name, content)
        except OSError:
            try:
                os.remove(super().path(name))
            except FileNotFoundError:
                pass
            raise

    def _save(self, name, content):
        discard_rolled_back()
        connection = transaction.get_connection()
        if not connection.in_atomic_block:
            return self._write(name, content)
        temp_name = self._write(f"{name}{PART_MARK}{uuid.uuid4().hex}", content)
        write = _Write(final=super().path(name), temp=super().path(temp_name))
        write.callback = lambda: _move(write)
        with _lock:
            _pending[write.final] = write.temp
        _writes().append(write)
        transaction.on_commit(write.callback, robust=True)
        return name


def part_final_name(name: str) -> str | None:
    """The final name a temporary `<name>.part-<uuid>` file stands for, or None."""
    match = PART_RE.match(name)
    return match.group("final") if match else None


def part_max_age() -> timedelta:
    """After this long a temporary file belongs to no running transaction any more."""
    return timedelta(minutes=getattr(settings, "UPLOAD_PARTS_RETENTION_MINUTES", 60))


def part_is_stale(path: str, now: datetime | None = None) -> bool:
    """True when a temporary file is older than `part_max_age()` (by its modification time)."""
    reference = now.timestamp() if now is not None else time.time()
    try:
        return reference - os.path.getmtime(path) > part_max_age().total_seconds()
    except FileNotFoundError:
        return False


def is_pending(path: str) -> bool:
    """True when this process still waits for the commit that moves this temporary file."""
    return path in _pending.values()


def private_file_response(handle, *, filename: str, content_type: str) -> FileResponse:
    """A citizen's file streamed by a view that has already checked who is asking.

    Always a download (never shown inline), never sniffed into another type, never cached,
    and unable to run anything should a browser render it anyway.
    """
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@checks.register(checks.Tags.security)
def check_private_root(app_configs=None, **kwargs):
    """PRIVATE_MEDIA_ROOT inside MEDIA_ROOT puts citizens' files one web-server rule away from
    the public: warn, so an old layout is moved out (`private_media/` beside `media/`)."""
    private = os.path.abspath(settings.PRIVATE_MEDIA_ROOT)
    public = os.path.abspath(settings.MEDIA_ROOT)
    if os.path.commonpath([private, public]) in {private, public}:
        return [
            checks.Warning(
                "PRIVATE_MEDIA_ROOT is inside MEDIA_ROOT (or contains it).",
                hint="Move the private files beside the public media, e.g. PRIVATE_MEDIA_ROOT=<BASE_DIR>/private_media.",
                id="cms.W001",
            )
        ]
    return []
