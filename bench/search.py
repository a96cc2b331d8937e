"""Search quality and speed on the shared news corpus, per database backend.

    .venv/bin/python bench/search.py                   # SQLite, then PostgreSQL if reachable
    .venv/bin/python bench/search.py --backend sqlite --limit 5000 --queries 300
    .venv/bin/python bench/search.py --database sqlite:////tmp/corpus.sqlite3   # no import: query an
                                                          # existing database that holds the corpus

For each backend: a fresh database, `migrate`, `import_news` of the corpus (the importer calls
`search.indexing.index_pages` per batch), then known-item queries derived from the corpus at
run time (never stored in the repository): tone-less titles, toned titles, NFD titles,
4-6 word spans of the lead paragraph (toned and tone-less). Prints success@10, MRR@10 and
per-query latency (p50/p95, in-process, through `search.selectors.search_pages`, with facets
and snippets, after a warm-up).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "vn-news.jsonl.gz"
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"


def _records(limit: int | None):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit and number >= limit:
                break
            yield json.loads(line)


def build_queries(records: list[dict], count: int, seed: int = 7) -> dict[str, list[tuple[str, str]]]:
    """Query sets: name -> [(query, corpus id)], derived from random articles."""
    from cms.text import strip_tones

    rng = random.Random(seed)
    sample = rng.sample(records, min(count, len(records)))
    sets: dict[str, list[tuple[str, str]]] = {
        "title_toneless": [],
        "title_toned": [],
        "title_nfd": [],
        "lead_span": [],
        "lead_span_toneless": [],
    }
    for record in sample:
        rid, title, sapo = str(record["id"]), record.get("title") or "", record.get("sapo") or ""
        if not title.strip():
            continue
        sets["title_toneless"].append((strip_tones(title).lower(), rid))
        sets["title_toned"].append((title, rid))
        sets["title_nfd"].append((unicodedata.normalize("NFD", title), rid))
        words = sapo.split()
        if len(words) >= 6:
            size = rng.randint(4, 6)
            start = rng.randint(0, len(words) - size)
            span = " ".join(words[start : start + size])
            sets["lead_span"].append((span, rid))
            sets["lead_span_toneless"].append((strip_tones(span).lower(), rid))
    return sets


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def run_one(args) -> dict:
    """Inside a child process whose DATABASE_URL points at a fresh database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from news.models import NewsPage
    from search import selectors
    from search.models import SearchEntry

    migrate_s = import_s = 0.0
    if not args.database:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_s = time.perf_counter() - started
        started = time.perf_counter()
        import_args = [str(CORPUS), "--no-progress"]
        if args.limit:
            import_args += ["--limit", str(args.limit)]
        try:
            call_command("import_news", *import_args, verbosity=0)
        except SystemExit as exit_:
            if exit_.code:
                print(f"import_news exited with {exit_.code}", file=sys.stderr)
        except Exception as error:  # the importer reports failed records and raises at the end
            print(f"import_news: {error}", file=sys.stderr)
        import_s = time.perf_counter() - started
    pages = {sid.rsplit(":", 1)[-1]: pk for sid, pk in NewsPage.objects.values_list("source_id", "pk") if sid}
    indexed = SearchEntry.objects.count()
    records = list(_records(args.limit))
    sets = build_queries([r for r in records if str(r["id"]) in pages], args.queries)

    warm = [q for q, _ in sets["title_toned"][:30]] + [q for q, _ in sets["lead_span"][:30]]
    for query in warm:
        selectors.search_pages(query=query)

    report = {
        "backend": connection.vendor,
        "articles": len(pages),
        "indexed": indexed,
        "migrate_s": round(migrate_s, 1),
        "import_s": round(import_s, 1),
        "sets": {},
    }
    all_times: list[float] = []
    for name, queries in sets.items():
        hits, reciprocal, times = 0, 0.0, []
        for query, rid in queries:
            expected = pages[rid]
            t0 = time.perf_counter()
            try:
                found = selectors.search_pages(query=query[:200], limit=10)
                ids = [r.page_id for r in found.results]
            except selectors.SearchError:
                ids = []
            times.append((time.perf_counter() - t0) * 1000)
            if expected in ids:
                hits += 1
                reciprocal += 1 / (ids.index(expected) + 1)
        all_times += times
        report["sets"][name] = {
            "n": len(queries),
            "success@10": round(hits / len(queries), 4) if queries else None,
            "mrr@10": round(reciprocal / len(queries), 4) if queries else None,
            "p50_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(percentile(times, 95), 1) if times else None,
        }
    report["all"] = {
        "n": len(all_times),
        "p50_ms": round(statistics.median(all_times), 1),
        "p95_ms": round(percentile(all_times, 95), 1),
        "p99_ms": round(percentile(all_times, 99), 1),
    }
    return report


def _child(backend: str, args) -> dict | None:
    env = dict(os.environ)
    if args.database:
        env["DATABASE_URL"] = args.database
    elif backend == "sqlite":
        folder = tempfile.mkdtemp(prefix="bench-search-")
        env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    else:
        import psycopg

        name = "portal_bench_search"
        try:
            with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
                conn.execute(f"CREATE DATABASE {name}")
        except psycopg.OperationalError as error:
            print(f"PostgreSQL unavailable, skipped: {error}")
            return None
        env["DATABASE_URL"] = PG_URL.format(name=name)
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    env["LOG_LEVEL"] = "WARNING"
    command = [sys.executable, __file__, "--child", "--limit", str(args.limit or 0), "--queries", str(args.queries)]
    if args.database:
        command += ["--database", args.database]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-4000:], file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _print(report: dict) -> None:
    print(
        f"\n== {report['backend']}: {report['articles']} articles, {report['indexed']} indexed "
        f"(migrate {report['migrate_s']} s, import+index {report['import_s']} s)"
    )
    print(f"{'query set':<22}{'n':>6}{'success@10':>12}{'MRR@10':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for name, row in report["sets"].items():
        print(f"{name:<22}{row['n']:>6}{row['success@10']:>12}{row['mrr@10']:>9}{row['p50_ms']:>9}{row['p95_ms']:>9}")
    a = report["all"]
    print(f"{'all queries':<22}{a['n']:>6}{'':>12}{'':>9}{a['p50_ms']:>9}{a['p95_ms']:>9}   p99 {a['p99_ms']} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "all"], default="all")
    parser.add_argument("--limit", type=int, default=0, help="import only the first N articles (0: all)")
    parser.add_argument("--queries", type=int, default=500, help="articles sampled per query set")
    parser.add_argument("--database", help="DATABASE_URL of a database that already holds the corpus: skip the import")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"Corpus not found at {CORPUS}: nothing to measure.")
        return
    if args.child:
        args.limit = args.limit or None
        print(json.dumps(run_one(args)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "all" else [args.backend]
    if args.database:
        backends = ["postgres" if args.database.startswith("postgres") else "sqlite"]
    for backend in backends:
        report = _child(backend, args)
        if report:
            _print(report)


if __name__ == "__main__":
    main()
