#!/usr/bin/env bash
# Fault bench (see bench/faults.py): installs PostgreSQL and Redis from Debian when missing, then
# runs the portal under gunicorn on private servers in a temporary folder and breaks them one
# by one under load. 127.0.0.1 only; about three minutes; prints the fault and check tables.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/services.sh postgres redis >/dev/null
[ -x .venv/bin/python ] || make install
exec timeout 900 .venv/bin/python bench/faults.py "$@"
