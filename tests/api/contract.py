"""How the contract tests drive schemathesis (shared by tests/api/test_contract.py and
bench/api_fuzz.py): every operation of the published schema, valid and invalid data, every
built-in check; the counts of requests, server errors and contract violations are returned."""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import positive_data_acceptance

SCHEMA_PATH = "/api/v1/openapi.json"

# Every built-in check runs. Two adjustments, both about what a schema cannot say:
# - a deprecated operation answers 410 Gone to any request, valid or not;
# - the two submissions also apply rules JSON Schema cannot express (a ward must belong to the
#   chosen province, a date in the past, the fields of the chosen procedure), so well-formed but
#   unacceptable content may be a 400 with per-field `errors`: for them `positive_data_acceptance`
#   is replaced by "2xx, or 400 naming fields".
CONFIG = {
    "checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "410", "429"]},
    },
}
# The public statistics answer only closed periods: a well-formed month that has not ended yet
# (or ended less than 7 days ago) is refused with a 400 naming `ky`.
BUSINESS_RULES = {"POST /api/v1/applications", "POST /api/v1/reports", "GET /api/v1/stats/reports"}
# The contract is about content: ask for it uncompressed (the WSGI transport does not decode brotli).
IDENTITY = {"Accept-Encoding": "identity"}


@dataclass
class Outcome:
    requests: int = 0
    server_errors: int = 0
    violations: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    unsatisfiable: list[str] = field(default_factory=list)


def load_schema():
    config = SchemathesisConfig.from_dict(CONFIG)
    return schemathesis.openapi.from_wsgi(SCHEMA_PATH, get_wsgi_application(), config=config)


@contextmanager
def connections_kept_open():
    """Requests sent straight to the WSGI app close the database connection when they end
    (`close_old_connections`); inside a test that is the test's own transaction, which PostgreSQL
    then loses. Django's test client keeps it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def run(max_examples: int, *, derandomize: bool = True) -> Outcome:
    """Fuzz every operation in both generation modes; never stops at the first failure."""
    with connections_kept_open():
        return _run(max_examples, derandomize=derandomize)


def _run(max_examples: int, *, derandomize: bool) -> Outcome:
    schema = load_schema()
    outcome = Outcome()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation, mode, outcome, max_examples=max_examples, derandomize=derandomize)
            except Unsatisfiable:  # nothing to negate in this operation (e.g. no parameters)
                outcome.unsatisfiable.append(f"{operation.label} [{mode}]")
    return outcome


def _fuzz(operation, mode, outcome: Outcome, *, max_examples: int, derandomize: bool) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def one(case):
        response = case.call(headers=IDENTITY)
        outcome.requests += 1
        outcome.statuses[response.status_code] += 1
        if response.status_code >= 500:
            outcome.server_errors += 1
        excluded = []
        if operation.label in BUSINESS_RULES:
            excluded = [positive_data_acceptance]
            if mode == GenerationMode.POSITIVE and response.status_code == 400 and not response.json()["errors"]:
                outcome.violations += 1
                outcome.failures.append(f"{operation.label}: 400 without field errors: {response.text[:500]}")
        try:
            case.validate_response(response, excluded_checks=excluded)
        except (AssertionError, FailureGroup) as failure:
            outcome.violations += 1
            if len(outcome.failures) < 20:
                outcome.failures.append(f"{operation.label} [{mode}]: {str(failure)[:1500]}")

    one()
