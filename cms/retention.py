"""How long each kind of record is kept, in one registry that `manage.py purge` runs.

Each app knows what its records are and when they count as finished, so it registers its own
rules from `AppConfig.ready()`; cms only keeps the list and runs it, and registers the rules
that belong to no app (expired sessions, temporary upload files). A rule is two functions of
the current time: `count(now)` (what a purge would delete, changing nothing) and `purge(now)`
(delete, return how many). Both take `now`, so tests freeze time by passing it.

Adding a rule, e.g. for double-submit receipts::

    from cms import retention

    retention.register(retention.RetentionRule(
        name="receipts",
        label_vi="Biên nhận chống gửi trùng",
        help_vi="Biên nhận dùng để nhận ra một biểu mẫu bị gửi hai lần.",
        settings_name="RECEIPTS_RETENTION_MINUTES",
        count=lambda now: expired(now).count(),
        purge=lambda now: expired(now).delete()[0],
    ))

Rows and files go together: delete rows inside `transaction.atomic()` and hand their files to
`delete_files_on_commit`, so a failed transaction leaves every row with its file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionRule:
    """One kind of record and how long it is kept (the period is read from `settings_name`)."""

    name: str
    label_vi: str
    help_vi: str
    settings_name: str
    count: Callable[[datetime], int]
    purge: Callable[[datetime], int]

    @property
    def period(self):
        return getattr(settings, self.settings_name, None)


_rules: dict[str, RetentionRule] = {}


def register(rule: RetentionRule) -> RetentionRule:
    """Add a rule (or replace the one with the same name, so `ready()` may run twice)."""
    _rules[rule.name] = rule
    return rule


def unregister(name: str) -> None:
    _rules.pop(name, None)


def rules() -> list[RetentionRule]:
    """The registered rules in registration order."""
    return list(_rules.values())


def get(name: str) -> RetentionRule:
    return _rules[name]


def delete_files_on_commit(storage, names: Iterable[str]) -> None:
    """Delete these files from `storage` once the current transaction commits.

    On rollback nothing is deleted, so no row loses its file; a file that fails to delete is
    logged and later reported by `manage.py check_files` as a file no row refers to.
    """
    names = [name for name in names if name]
    if not names:
        return

    def remove():
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete %s", name)

    transaction.on_commit(remove, robust=True)


def purge_in_batches(ids: Iterable, delete_batch: Callable[[list], int], batch_size: int = 200) -> int:
    """Call `delete_batch(ids)` for successive batches, each in its own transaction."""
    total = 0
    batch: list = []
    for pk in ids:
        batch.append(pk)
        if len(batch) >= batch_size:
            with transaction.atomic():
                total += delete_batch(batch)
            batch = []
    if batch:
        with transaction.atomic():
            total += delete_batch(batch)
    return total


# Rules that belong to no app.


def _session_store():
    from importlib import import_module

    return import_module(settings.SESSION_ENGINE).SessionStore


def _expired_sessions(now: datetime):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now)


def _sessions_in_database() -> bool:
    from django.contrib.sessions.backends.db import SessionStore as DbStore

    return issubclass(_session_store(), DbStore)


def _count_sessions(now: datetime) -> int:
    return _expired_sessions(now).count() if _sessions_in_database() else 0


def _purge_sessions(now: datetime) -> int:
    """The database part of `manage.py clearsessions`; other engines expire by themselves."""
    if not _sessions_in_database():
        return 0
    return _expired_sessions(now).delete()[0]


def _count_parts(now: datetime) -> int:
    from cms import files

    return sum(1 for _ in files.stale_parts(now))


def _purge_parts(now: datetime) -> int:
    from cms import files

    return files.clean_stale_parts(now)


def _expired_receipts(now: datetime):
    from cms import receipts

    return receipts.receipts_expired(now)


def register_core_rules() -> None:
    """Rules cms owns: expired sessions, double-submit receipts, abandoned temporary uploads."""
    register(
        RetentionRule(
            name="receipts",
            label_vi="Biên nhận chống gửi trùng",
            help_vi="Mã PIN để trả lời lại khi một biểu mẫu bị gửi hai lần, quá RECEIPTS_RETENTION_MINUTES "
            "phút; sau đó chỉ còn bản băm của mã PIN trong phản ánh.",
            settings_name="RECEIPTS_RETENTION_MINUTES",
            count=lambda now: _expired_receipts(now).count(),
            purge=lambda now: _expired_receipts(now).delete()[0],
        )
    )
    register(
        RetentionRule(
            name="sessions",
            label_vi="Phiên đăng nhập hết hạn",
            help_vi="Phiên làm việc đã quá hạn (SESSION_COOKIE_AGE giây); như manage.py clearsessions.",
            settings_name="SESSION_COOKIE_AGE",
            count=_count_sessions,
            purge=_purge_sessions,
        )
    )
    register(
        RetentionRule(
            name="upload_parts",
            label_vi="Tệp tải lên dở dang",
            help_vi="Tệp tạm (.part-…) của lần gửi không hoàn tất, quá UPLOAD_PARTS_RETENTION_MINUTES phút.",
            settings_name="UPLOAD_PARTS_RETENTION_MINUTES",
            count=_count_parts,
            purge=_purge_parts,
        )
    )
