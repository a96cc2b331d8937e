"""Reads on the replica, writes on the primary (DATABASE_REPLICA_URL, deploy/README.md).

A query inside a transaction on the primary reads the primary: it must see what the
transaction wrote (a service's `full_clean()` then save, a selector called after a write).
Replication lag is otherwise accepted for public reads: pages, listings, search.
"""

from __future__ import annotations

from django.db import connections

REPLICA = "replica"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
