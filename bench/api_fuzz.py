"""A longer schemathesis run over the whole API than `make test` does (random seed each time).

    .venv/bin/python bench/api_fuzz.py [EXAMPLES]     # examples per operation and mode, default 300

Runs tests/api/test_contract.py (its own SQLite test database, no server) and prints the number of
requests, server errors and schema violations; exits non-zero when either count is not zero.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    examples = sys.argv[1] if len(sys.argv) > 1 else "300"
    env = {**os.environ, "API_FUZZ_EXAMPLES": examples, "API_FUZZ_RANDOM": "1"}
    command = [
        str(ROOT / ".venv/bin/pytest"),
        "tests/api/test_contract.py",
        "-q",
        "-s",
        "-p",
        "no:logging",
        "-W",
        "ignore",
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    summary = re.findall(r"^schemathesis: .*$", done.stdout, re.M)
    print(summary[-1] if summary else done.stdout[-3000:])
    if done.returncode:
        print(done.stdout[-6000:], file=sys.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
