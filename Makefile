# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed
# The PostgreSQL-only tests (search backend, triggers) run against this server when it answers.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal_make

.PHONY: run test install migrate demo lint check pytest pytest-postgres services clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_initial_data

run: demo
	$(PY) manage.py portal_banner --port $(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

check: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: install
	$(VENV)/bin/pytest

pytest-postgres: install
	@if $(PY) -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -m postgres"; \
		DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -m postgres; \
	else \
		echo "PostgreSQL is not reachable at $(PG_TEST_URL): the PostgreSQL-only tests were skipped (make services starts it)."; \
	fi

test: lint check pytest pytest-postgres

# PostgreSQL (127.0.0.1:5432, trust for loopback) and Redis (127.0.0.1:6379), installed from
# Debian when missing and started when down; quick when both already answer.
services:
	bash .ci/services.sh postgres redis

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media static_collected
