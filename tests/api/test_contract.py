"""The published OpenAPI schema is the contract: schemathesis generates requests from it (valid
and invalid, with NUL bytes, lone surrogates and huge values among them) and every answer must be
a non-5xx status the schema lists, with a body and headers that match it.

`API_FUZZ_EXAMPLES` sets the examples per operation and mode, `API_FUZZ_RANDOM=1` a new seed
each run (bench/api_fuzz.py runs a longer, random pass).
"""

import os

import pytest

pytest.importorskip("schemathesis")

from tests.api import contract  # noqa: E402

pytestmark = pytest.mark.django_db


def test_every_operation_keeps_the_contract(api_content):
    outcome = contract.run(
        int(os.environ.get("API_FUZZ_EXAMPLES", "15")), derandomize=not os.environ.get("API_FUZZ_RANDOM")
    )
    print(
        f"\nschemathesis: {outcome.requests} requests, {outcome.server_errors} server errors, "
        f"{outcome.violations} schema violations; statuses {dict(sorted(outcome.statuses.items()))}"
    )
    assert outcome.requests > 100
    assert outcome.server_errors == 0, outcome.failures
    assert outcome.violations == 0, "\n\n".join(outcome.failures)
