# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed
# The PostgreSQL-only tests (search backend, triggers) run against this server when it answers.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal_make
# The search engine tests (`-m elasticsearch`) run against this OpenSearch node when it answers.
ENGINE_TEST_URL ?= http://127.0.0.1:9200

.PHONY: run test install migrate demo lint check pytest pytest-postgres pytest-engine services clean \
	search-engine search-engine-stop translations

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
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
	$(VENV)/bin/lint-imports --no-cache

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

pytest-engine: install
	@if curl -sf -o /dev/null --max-time 3 $(ENGINE_TEST_URL); then \
		echo "ELASTICSEARCH_URL=$(ENGINE_TEST_URL) $(VENV)/bin/pytest -m elasticsearch"; \
		ELASTICSEARCH_URL=$(ENGINE_TEST_URL) $(VENV)/bin/pytest -m elasticsearch; \
	else \
		echo "OpenSearch is not reachable at $(ENGINE_TEST_URL): the search engine tests were skipped (make search-engine starts it)."; \
	fi

test: lint check pytest pytest-postgres pytest-engine

# A single-node OpenSearch 2.19 on 127.0.0.1:9200 (deploy/opensearch, needs Java 17 and Maven):
# built once, started in the background, data in deploy/opensearch/data; quick when it answers.
search-engine:
	bash deploy/opensearch/node.sh start

search-engine-stop:
	bash deploy/opensearch/node.sh stop

# The admin's Vietnamese catalogue: locale/vi/source/*.json -> locale/vi/LC_MESSAGES/*.po and .mo.
translations: install
	$(PY) bench/translations.py --build

# PostgreSQL (127.0.0.1:5432, trust for loopback) and Redis (127.0.0.1:6379), installed from
# Debian when missing and started when down; quick when both already answer.
services:
	bash .ci/services.sh postgres redis

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media static_collected
