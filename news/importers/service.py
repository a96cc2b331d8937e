"""The import as a service: pick the reader for each file, find the section, feed the writer.

`manage.py import_news` and `bench/import_news.py` both call `import_news`; neither knows how
a format is parsed or how pages are written.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from wagtail.models import Page, Site

from cms.structure import ensure_portal_structure
from news.models import NewsIndexPage
from search.indexing import after_bulk_load

from . import jsonl, legacy_text
from .records import ImportRecord, RecordError
from .writer import DEFAULT_BATCH_SIZE, ImportSummary, NewsWriter

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz")
TEXT_SUFFIXES = (".txt",)


class ImportSetupError(Exception):
    """The import cannot start (no site, unknown section, missing file); message in Vietnamese."""


def reader_for(path: Path) -> Callable[..., Iterator[ImportRecord | RecordError]] | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return jsonl.read
    if name.endswith(TEXT_SUFFIXES):
        return legacy_text.read
    return None


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; a folder stands for the importable files directly inside it."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(child for child in path.iterdir() if child.is_file() and reader_for(child))
        else:
            files.append(path)
    return files


def read_records(files: Sequence[Path], *, source: str | None = None) -> Iterator[ImportRecord | RecordError]:
    for path in files:
        reader = reader_for(path)
        if reader is None:
            yield RecordError(f"{path}:0", "định dạng không hỗ trợ (cần .txt, .jsonl hoặc .jsonl.gz)")
        elif not path.is_file():
            yield RecordError(f"{path}:0", "không tìm thấy tệp")
        else:
            yield from reader(path, source=source)


def count_lines(files: Sequence[Path]) -> int | None:
    """Records to expect, for the progress bar (one article per line, or per text file)."""
    total = 0
    for path in files:
        if reader_for(path) is legacy_text.read:
            total += 1
            continue
        try:
            with path.open("rb") as head:
                compressed = head.read(2) == jsonl.GZIP_MAGIC
            with (gzip.open if compressed else open)(path, "rb") as stream:
                total += sum(1 for _ in stream)
        except (OSError, EOFError):
            return None
    return total


def default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first() or Site.objects.first()
    if site is None:
        raise ImportSetupError("Chưa có site nào; hãy chạy migrate và tạo trang chủ trước.")
    return site


def resolve_parent(spec: str | int | None = None, *, note: Callable[[str], None] | None = None) -> NewsIndexPage:
    """The news section to import into.

    `spec` is a page id or a URL path ("/tin-tuc/"); by default the first live news section of
    the default site. When the site has none, the portal's structure is built exactly as
    `load_initial_data` builds it (`cms.structure.ensure_portal_structure`: HomePage as the
    site's root, "Tin tức" and the categories), so either command may run first. What that
    created, and what it found in the way and left, goes to `note` in Vietnamese.
    """
    if spec in (None, ""):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None:
            index = NewsIndexPage.objects.live().descendant_of(site.root_page, inclusive=True).order_by("path").first()
            if index is not None:
                return index
        structure = ensure_portal_structure()
        if note is not None:
            if structure.created:
                made = ", ".join(f"{count} {kind}" for kind, count in sorted(structure.created.items()))
                note(f"Đã tạo cấu trúc cổng thông tin: {made}.")
            for line in structure.notes:
                note(line)
        return structure.news_index
    text = str(spec).strip()
    if text.isdigit():
        page = Page.objects.filter(pk=int(text)).first()
    else:
        site = default_site()
        relative = text.strip("/")
        url_path = site.root_page.url_path + (f"{relative}/" if relative else "")
        page = Page.objects.filter(url_path=url_path).first() or Page.objects.filter(url_path=f"/{relative}/").first()
    if page is None:
        raise ImportSetupError(f"Không tìm thấy trang “{text}”.")
    page = page.specific
    if not isinstance(page, NewsIndexPage):
        raise ImportSetupError(f"Trang “{page.title}” không phải chuyên trang tin tức.")
    return page


def _stderr_report(origin: str, reason: str) -> None:
    print(f"{origin}: {reason}", file=sys.stderr)


ANALYZE_AFTER = 1_000  # pages written by one import before the index statistics are refreshed


def import_news(
    *,
    paths: Sequence[Path | str],
    parent: NewsIndexPage,
    source: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    limit: int | None = None,
    report: Callable[[str, str], None] = _stderr_report,
    progress: bool = False,
) -> ImportSummary:
    """Import articles from legacy text and JSON Lines files into `parent`.

    Every bad record goes to `report(origin, reason)` as `file:line` and is skipped; the rest
    are created, updated or left unchanged. Returns the counts.
    """
    files = expand_paths(paths)
    items: Iterable[ImportRecord | RecordError] = read_records(files, source=source)
    if limit is not None:
        items = islice(items, limit)
    bar = None
    if progress:
        from tqdm import tqdm

        total = count_lines(files)
        bar = tqdm(total=min(total, limit) if total and limit else total, unit=" bài", file=sys.stderr)
        items = _counted(items, bar)
        plain_report = report

        def report(origin: str, reason: str) -> None:
            with tqdm.external_write_mode(file=sys.stderr):
                plain_report(origin, reason)

    writer = NewsWriter(parent=parent, report=report, batch_size=batch_size)
    try:
        for item in items:
            if isinstance(item, RecordError):
                writer.fail(item.origin, item.reason)
            else:
                writer.add(item)
        writer.flush()
    finally:
        if bar is not None:
            bar.close()
    if writer.summary.created + writer.summary.updated >= ANALYZE_AFTER:
        after_bulk_load()
    return writer.summary


def _counted(items, bar):
    for item in items:
        yield item
        bar.update(1)
