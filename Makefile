# The two commands: `make run` and `make test`. Everything else is a helper for them.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
# The PostgreSQL-only tests (search backend, triggers) run against this server when it answers.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/portal_make
# The search engine tests (`-m elasticsearch`) run against this OpenSearch node when it answers.
ENGINE_TEST_URL ?= http://127.0.0.1:9200

.PHONY: run test install install-dev lock migrate demo lint check pytest pytest-postgres pytest-engine pytest-prod prod prod-stop services clean \
	search-engine search-engine-stop translations

# The runtime (requirements.txt) for `make run`; tests, linters and benches on top of it
# (requirements-dev.txt) for everything else. Both are pinned: `make lock` rewrites them from
# requirements.in and requirements-dev.in.
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEVSTAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEVSTAMP)

install: $(STAMP)

install-dev: $(DEVSTAMP)

lock: install
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-find-links --annotation-style=line -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile -q --strip-extras --no-emit-find-links --annotation-style=line -o requirements-dev.txt requirements-dev.in

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_initial_data

run: demo
	$(PY) manage.py portal_banner --port $(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

check: install-dev
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: install-dev
	$(VENV)/bin/pytest -m "not prod"

# The production stack test (tests/deploy/test_prod_stack.py) when nginx and Varnish are installed.
pytest-prod: install-dev
	@if [ -x /usr/sbin/nginx ] && [ -x /usr/sbin/varnishd ]; then \
		echo "$(VENV)/bin/pytest -m prod"; \
		$(VENV)/bin/pytest -m prod; \
	else \
		echo "nginx or Varnish is not installed: the production stack test was skipped (make prod installs them)."; \
	fi

pytest-postgres: install-dev
	@if $(PY) -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -m postgres"; \
		DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -m postgres; \
	else \
		echo "PostgreSQL is not reachable at $(PG_TEST_URL): the PostgreSQL-only tests were skipped (make services starts it)."; \
	fi

pytest-engine: install-dev
	@if curl -sf -o /dev/null --max-time 3 $(ENGINE_TEST_URL); then \
		echo "ELASTICSEARCH_URL=$(ENGINE_TEST_URL) $(VENV)/bin/pytest -m elasticsearch"; \
		ELASTICSEARCH_URL=$(ENGINE_TEST_URL) $(VENV)/bin/pytest -m elasticsearch; \
	else \
		echo "OpenSearch is not reachable at $(ENGINE_TEST_URL): the search engine tests were skipped (make search-engine starts it)."; \
	fi

test: lint check pytest pytest-postgres pytest-engine pytest-prod

# The production stack on 127.0.0.1 (deploy/prod.sh; nginx :8080 -> Varnish :8081 -> gunicorn :8001).
prod: install
	bash deploy/prod.sh start

prod-stop:
	bash deploy/prod.sh stop

# A single-node OpenSearch 2.19 on 127.0.0.1:9200 (deploy/opensearch, needs Java 17 and Maven):
# built once, started in the background, data in deploy/opensearch/data; quick when it answers.
search-engine:
	bash deploy/opensearch/node.sh start

search-engine-stop:
	bash deploy/opensearch/node.sh stop

# The admin's Vietnamese catalogue: locale/vi/source/*.json -> locale/vi/LC_MESSAGES/*.po and .mo.
translations: install-dev
	$(PY) bench/translations.py --build

# PostgreSQL (127.0.0.1:5432, trust for loopback) and Redis (127.0.0.1:6379), installed from
# Debian when missing and started when down; quick when both already answer.
services:
	bash .ci/services.sh postgres redis

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media static_collected
