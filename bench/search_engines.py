"""The three search backends side by side on the shared news corpus: SQLite, PostgreSQL, OpenSearch.

    make search-engine                                   # the node on 127.0.0.1:9200
    .venv/bin/python bench/search_engines.py             # SQLite + engine, then PostgreSQL if it answers
    .venv/bin/python bench/search_engines.py --backends sqlite,engine --limit 5000
    .venv/bin/python bench/search_engines.py --scale 10  # also the engine with the corpus ten times

Each database backend gets a fresh database, `migrate` and `import_news` of
`../shared/corpus/vn-news.jsonl.gz` (the importer indexes through `search.indexing`). The engine
is measured on the SQLite database after its import: `search_rebuild` (new index, bulk, alias
swap) under a bench-only index prefix, deleted at the end. Quality queries are the ones of
`bench/search.py` (tone-less, toned and NFD titles, lead spans), built at run time from the
corpus, never stored. For every backend the table shows the index (import) or rebuild time,
p50/p95 latency of the queries through `search.selectors.search_pages` (facets, highlights,
snippets), queries per second with 16 concurrent threads, and success@10.

`--scale 10` then bulk-loads the corpus ten times into one more engine index (350.000
documents, ids varied) and measures the engine there; the database rows exist once, so these
queries are timed at the backend (no hydration) and a hit counts when any copy of the expected
article is among the first ten.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "vn-news.jsonl.gz"
ENGINE_URL = os.environ.get("ELASTICSEARCH_URL") or "http://127.0.0.1:9200"
COPY_STRIDE = 10_000_000  # id of copy k of page p: p + k * COPY_STRIDE


def _bench_search():
    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _measure(queries, run, concurrency: int = 16) -> dict:
    """Latency one at a time, then throughput with `concurrency` threads; success@10."""
    from django.db import connection

    bench = _bench_search()
    errors = 0

    def safe(query):
        nonlocal errors
        try:
            return run(query)
        except Exception:  # a timeout counts as a miss, and is reported
            errors += 1
            return []

    for query, _expected in queries[:40]:  # warm-up
        safe(query)
    errors = 0
    times, hits = [], 0
    for query, expected in queries:
        started = time.perf_counter()
        ids = safe(query)
        times.append((time.perf_counter() - started) * 1000)
        hits += expected in ids
    started = time.perf_counter()

    def one(item):
        try:
            return safe(item[0])
        finally:
            connection.close()

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, queries))
    elapsed = time.perf_counter() - started
    return {
        "n": len(queries),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(bench.percentile(times, 95), 1),
        "qps16": round(len(queries) / elapsed, 1),
        "success@10": round(hits / len(queries), 4),
        "errors": errors,
    }


def _selector_run(query: str) -> list[int]:
    from search import selectors

    try:
        return [r.page_id for r in selectors.search_pages(query=query[:200], limit=10).results]
    except selectors.SearchError:
        return []


def run_child(args) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    sys.path.insert(0, str(ROOT))
    django.setup()
    import logging

    logging.getLogger("opensearch").setLevel(logging.ERROR)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from news.models import NewsPage

    bench = _bench_search()
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    import_args = [str(CORPUS), "--no-progress"] + (["--limit", str(args.limit)] if args.limit else [])
    try:
        call_command("import_news", *import_args, verbosity=0)
    except Exception as error:  # the importer reports failed records and raises at the end
        print(f"import_news: {error}", file=sys.stderr)
    import_s = time.perf_counter() - started
    pages = {sid.rsplit(":", 1)[-1]: pk for sid, pk in NewsPage.objects.values_list("source_id", "pk") if sid}
    records = [r for r in bench._records(args.limit or None) if str(r["id"]) in pages]
    sets = bench.build_queries(records, args.queries)
    queries = [(query, pages[rid]) for rows in sets.values() for query, rid in rows]
    rows = []
    if args.database:
        row = _measure(queries, _selector_run)
        rows.append(
            {"backend": f"database:{connection.vendor}", "docs": len(pages), "build_s": round(import_s, 1), **row}
        )
    if args.engine:
        from search.backends.elasticsearch import backend
        from search.es import documents

        prefix = f"bench-{uuid.uuid4().hex[:8]}"
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.ELASTICSEARCH_URL = ENGINE_URL
        settings.ELASTICSEARCH_INDEX_PREFIX = prefix
        backend().reset()
        try:
            started = time.perf_counter()
            call_command("search_rebuild", verbosity=0)
            rebuild_s = time.perf_counter() - started
            row = _measure(queries, _selector_run)
            rows.append({"backend": "opensearch", "docs": len(pages), "build_s": round(rebuild_s, 1), **row})
            # a second rebuild of a live index: what an operator runs
            started = time.perf_counter()
            call_command("search_rebuild", verbosity=0)
            rows[-1]["rebuild_again_s"] = round(time.perf_counter() - started, 1)
            if args.scale > 1:
                try:
                    rows.append(_scaled(args.scale, queries, pages))
                except Exception as error:
                    print(f"--scale {args.scale}: {error!r}", file=sys.stderr)
        finally:
            documents.client().delete_index(f"{prefix}-*")
    return {"rows": rows}


def _scaled(scale: int, queries, pages) -> dict:
    """The engine with `scale` copies of every document (ids varied) in one more index."""
    from dataclasses import replace

    from search import indexing, registry
    from search.backends.base import ParsedQuery, SearchRequest
    from search.backends.elasticsearch import backend
    from search.es import documents
    from search.models import SearchEntry

    ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))

    def copies():
        for doc in indexing._entries(ids):
            for k in range(scale):
                yield replace(doc, page_id=doc.page_id + k * COPY_STRIDE)

    started = time.perf_counter()
    session = backend().start_rebuild()
    try:
        documents.bulk_write(copies(), [], index=session.index, refresh=False, threads=2)
        session.finish()
    except Exception:
        session.abort()
        raise
    build_s = time.perf_counter() - started
    assert registry  # the documents are `registry.IndexedDocument`s

    def run(query):
        parsed = ParsedQuery.parse(query[:200])
        if parsed.is_empty:
            return []
        page = backend().search(SearchRequest(query=parsed, limit=10))
        return [hit.page_id % COPY_STRIDE for hit in page.hits]

    row = _measure(queries, run)
    return {
        "backend": f"opensearch x{scale} (backend only)",
        "docs": len(ids) * scale,
        "build_s": round(build_s, 1),
        **row,
    }


def _child(kind: str, args) -> dict | None:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="cms.settings.test", LOG_LEVEL="WARNING")
    if kind == "postgres":
        import psycopg

        name = "portal_bench_engines"
        try:
            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
                conn.execute(f"CREATE DATABASE {name}")
        except psycopg.OperationalError as error:
            print(f"PostgreSQL unavailable, skipped: {error}")
            return None
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-engines-')}/bench.sqlite3"
    command = [sys.executable, __file__, "--child", "--limit", str(args.limit), "--queries", str(args.queries)]
    command += ["--scale", str(args.scale)]
    if kind in ("sqlite", "postgres") and kind in args.backends:
        command.append("--database")
    if kind == "sqlite" and "engine" in args.backends:
        command.append("--engine")
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-4000:], file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _engine_answers() -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(ENGINE_URL, timeout=3) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,engine,postgres", help="comma-separated: sqlite,engine,postgres")
    parser.add_argument("--limit", type=int, default=0, help="import only the first N articles (0: all)")
    parser.add_argument("--queries", type=int, default=300, help="articles sampled per query set")
    parser.add_argument("--scale", type=int, default=1, help="also load the engine with the corpus N times")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--engine", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"Corpus not found at {CORPUS}: nothing to measure.")
        return
    if args.child:
        print(json.dumps(run_child(args)))
        return
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    if "engine" in args.backends and not _engine_answers():
        print(f"No search engine answers at {ENGINE_URL} (make search-engine): the engine is skipped.")
        args.backends.remove("engine")
    rows = []
    for kind in ("sqlite", "postgres"):
        if kind in args.backends or (kind == "sqlite" and "engine" in args.backends):
            report = _child(kind, args)
            rows += report["rows"] if report else []
    print(
        f"\n{'backend':<34}{'docs':>8}{'index/rebuild s':>17}{'p50 ms':>8}{'p95 ms':>8}{'qps@16':>8}{'success@10':>12}"
    )
    for row in rows:
        print(
            f"{row['backend']:<34}{row['docs']:>8}{row['build_s']:>17}{row['p50_ms']:>8}{row['p95_ms']:>8}"
            f"{row['qps16']:>8}{row['success@10']:>12}"
            + (f"   (rebuild of the live index: {row['rebuild_again_s']} s)" if "rebuild_again_s" in row else "")
            + (f"   {row['errors']} queries failed (timeouts)" if row.get("errors") else "")
        )
    print(f"queries: {rows[0]['n'] if rows else 0} per backend (bench/search.py's sets)")


if __name__ == "__main__":
    main()
