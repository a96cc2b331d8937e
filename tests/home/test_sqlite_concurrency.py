"""Concurrent writers on a file-based SQLite database with the project's connection options.

Stock SQLite settings make about 70% of concurrent form posts fail with "database is locked":
a transaction that reads first and writes later cannot upgrade its lock while another writer
is active, and the busy timeout does not help in that case. WAL + `BEGIN IMMEDIATE` + a busy
timeout (cms/settings/base.py) must give zero failures.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

WRITERS = 8
TRANSACTIONS_EACH = 15

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="SQLite concurrency settings only apply to the embedded SQLite database",
)


def _register(alias: str, path, options: dict) -> None:
    """A second database alias on a file, configured like `default` but for its NAME."""
    config = {key: value for key, value in connections.settings["default"].items() if key != "TEST"}
    config.update(NAME=str(path), OPTIONS=dict(options), TEST={"NAME": str(path)})
    connections.settings[alias] = config


def _writer(alias: str, number: int, failures: list[str], barrier: threading.Barrier) -> None:
    """One client: each transaction reads (like a form's validation) then writes (the save)."""
    try:
        barrier.wait()
        for step in range(TRANSACTIONS_EACH):
            try:
                with transaction.atomic(using=alias):
                    with connections[alias].cursor() as cursor:
                        cursor.execute("SELECT COUNT(*) FROM submission WHERE writer = %s", [number])
                        seen = cursor.fetchone()[0]
                        time.sleep(0.002)
                        cursor.execute(
                            "INSERT INTO submission (writer, step, seen) VALUES (%s, %s, %s)", [number, step, seen]
                        )
            except OperationalError as error:
                failures.append(str(error))
    finally:
        connections[alias].close()


def _run_writers(tmp_path, options: dict) -> tuple[int, list[str], str]:
    alias = "concurrency_test"
    path = tmp_path / "concurrency.sqlite3"
    _register(alias, path, options)
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "CREATE TABLE submission (id INTEGER PRIMARY KEY, writer INTEGER, step INTEGER, seen INTEGER)"
            )
        connections[alias].close()

        failures: list[str] = []
        barrier = threading.Barrier(WRITERS)
        threads = [
            threading.Thread(target=_writer, args=(alias, number, failures, barrier)) for number in range(WRITERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM submission")
            rows = cursor.fetchone()[0]
            cursor.execute("PRAGMA journal_mode")
            journal = cursor.fetchone()[0]
        connections[alias].close()
        return rows, failures, journal
    finally:
        connections[alias].close()
        del connections[alias]
        connections.settings.pop(alias, None)


def test_project_sqlite_options_survive_concurrent_writers(tmp_path, django_db_blocker):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]

    with django_db_blocker.unblock():
        rows, failures, journal = _run_writers(tmp_path, options)

    assert journal == "wal"
    locked = [message for message in failures if "locked" in message]
    assert locked == [], f"{len(locked)} of {WRITERS * TRANSACTIONS_EACH} transactions failed: {locked[:3]}"
    assert failures == []
    assert rows == WRITERS * TRANSACTIONS_EACH


def test_stock_sqlite_options_fail_under_the_same_load(tmp_path, django_db_blocker):
    """The harness detects the problem: without our options, read-then-write transactions collide."""
    with django_db_blocker.unblock():
        rows, failures, journal = _run_writers(tmp_path, {})

    assert journal != "wal"
    assert any("locked" in message for message in failures)
    assert rows == WRITERS * TRANSACTIONS_EACH - len(failures)
