"""Import speed of the shared news corpus into a fresh SQLite database.

    .venv/bin/python bench/import_news.py               # the whole corpus (34.870 articles)
    .venv/bin/python bench/import_news.py --limit 5000  # a slice
    .venv/bin/python bench/import_news.py --rerun       # then import again: all "unchanged"

Creates a temporary SQLite file (DATABASE_URL is set before Django starts), migrates it, runs
`news.importers.service.import_news` on `../shared/corpus/vn-news.jsonl.gz` and prints
articles/s, total seconds, the share spent in search indexing, peak memory (ru_maxrss) and the
page-tree checks `manage.py fixtree` runs. Skips with a message when the corpus is absent.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "vn-news.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="import only the first N records")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--rerun", action="store_true", help="import a second time and time the no-change run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"Bỏ qua: không có kho bài {CORPUS}.")
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from news.importers.service import import_news, resolve_parent
    from news.models import NewsPage

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s")
        parent = resolve_parent()
        errors: list[str] = []

        def report(origin: str, reason: str) -> None:
            errors.append(f"{origin}: {reason}")

        runs = ["nhập lần đầu"] + (["nhập lại"] if args.rerun else [])
        for label in runs:
            started, cpu_started = time.perf_counter(), time.process_time()
            summary = import_news(
                paths=[CORPUS],
                parent=parent,
                batch_size=args.batch_size,
                limit=args.limit,
                report=report,
                progress=sys.stderr.isatty(),
            )
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            print(f"{label}: {summary.line()}")
            print(
                f"  {summary.total} bản ghi trong {seconds:.1f} s = {summary.total / seconds:.0f} bài/s "
                f"(chỉ mục tìm kiếm: {summary.index_seconds:.1f} s; không tính chỉ mục: "
                f"{summary.total / max(seconds - summary.index_seconds, 1e-9):.0f} bài/s)"
            )
            print(
                f"  CPU của tiến trình: {cpu:.1f} s = {summary.total / max(cpu, 1e-9):.0f} bài/s; "
                f"tải máy (loadavg 1 phút): {os.getloadavg()[0]:.1f} trên {os.cpu_count()} nhân"
            )
        for line in errors[:10]:
            print(f"  {line}")

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"bộ nhớ đỉnh (ru_maxrss): {peak_mb:.0f} MB")
        out = io.StringIO()
        call_command("fixtree", interactive=False, stdout=out)  # runs Page.find_problems()
        report_text = " ".join(out.getvalue().split())
        tree_ok = "No problems found." in report_text.split("Checking collection tree")[0]
        print(f"fixtree: {report_text}")
        live = NewsPage.objects.live().filter(live_revision__isnull=False, latest_revision__isnull=False).count()
        print(f"bài đang hiển thị có phiên bản: {live} / {NewsPage.objects.count()}")
        return 0 if tree_ok else 1
    finally:
        if args.keep:
            print(f"cơ sở dữ liệu: {workdir / 'bench.sqlite3'}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
