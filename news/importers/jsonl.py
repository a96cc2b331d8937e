"""JSON Lines exports (optionally gzipped): one article per line.

Fields: `id`, `title`, `sapo`, `body` (paragraphs separated by newlines, or a list of them) and
optionally `published_at`, `category`, `tags`, `url` (the old address) and `image` (a local file).
A malformed line is reported and skipped; a truncated gzip stream ends the file with an error
after every complete line before the damage has been read.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from cms.text import clean, clean_line

from .records import PARAGRAPH, ImportRecord, RecordError, RecordInvalid, paragraphs, parse_published_at, text_list

GZIP_MAGIC = b"\x1f\x8b"


def source_name_for(path: Path) -> str:
    """`vn-news` for `vn-news.jsonl.gz`: the default prefix of every source id from that file."""
    name = path.name
    for suffix in (".gz", ".jsonl", ".ndjson", ".json"):
        name = name.removesuffix(suffix)
    return name or "jsonl"


def _open(path: Path):
    raw = path.open("rb")
    if raw.read(2) == GZIP_MAGIC:
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw, mode="rb"), raw
    raw.seek(0)
    return raw, raw


def _string(data: dict, key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise RecordInvalid(f"trường {key} phải là chuỗi")
    return value


def parse_record(data, *, origin: str, source: str, base_dir: Path) -> ImportRecord:
    """One decoded JSON object → `ImportRecord`; raises `RecordInvalid` with the reason."""
    if not isinstance(data, dict):
        raise RecordInvalid("mỗi dòng phải là một đối tượng JSON")
    title = clean_line(_string(data, "title"))
    if not title:
        raise RecordInvalid("thiếu tiêu đề (title)")
    record_id = clean_line(_string(data, "id"))
    url = clean(_string(data, "url"))
    if not record_id and not url:
        raise RecordInvalid("thiếu mã bài (id) và địa chỉ cũ (url)")
    body = data.get("body")
    if isinstance(body, list) and all(isinstance(item, str) for item in body):
        lines = [line for item in body for line in paragraphs(item)]
    elif body is None or isinstance(body, str):
        lines = paragraphs(body or "")
    else:
        raise RecordInvalid("trường body phải là chuỗi hoặc danh sách chuỗi")
    published = data.get("published_at")
    image = clean(_string(data, "image"))
    if image and "://" not in image and not Path(image).is_absolute():
        image = str(base_dir / image)
    return ImportRecord(
        origin=origin,
        source_id=f"{source}:{record_id}" if record_id else "",
        title=title,
        sapo=clean(_string(data, "sapo")),
        blocks=[(PARAGRAPH, line) for line in lines],
        published_at=None if published in (None, "") else parse_published_at(published),
        categories=text_list(data.get("category"), "category"),
        tags=text_list(data.get("tags"), "tags"),
        legacy_url=url,
        image=image,
        author=clean_line(_string(data, "author")),
        source=clean_line(_string(data, "source")),
    )


def read(path: Path, *, source: str | None = None) -> Iterator[ImportRecord | RecordError]:
    """Yield every article of a `.jsonl` / `.jsonl.gz` file, or why a line was skipped."""
    source = source or source_name_for(path)
    try:
        stream, raw = _open(path)
    except OSError as exc:
        yield RecordError(f"{path}:0", f"không đọc được tệp ({exc.strerror or exc})")
        return
    number = 0
    try:
        with raw, stream:
            while True:
                try:
                    line = stream.readline()
                except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
                    yield RecordError(f"{path}:{number + 1}", f"tệp nén bị hỏng hoặc bị cắt cụt ({exc})")
                    return
                if not line:
                    return
                number += 1
                origin = f"{path}:{number}"
                if not line.strip():
                    continue
                try:
                    data = json.loads(line.decode("utf-8-sig"))
                except UnicodeDecodeError:
                    yield RecordError(origin, "dòng không phải UTF-8")
                    continue
                except json.JSONDecodeError as exc:
                    yield RecordError(origin, f"JSON không hợp lệ ({exc.msg}, cột {exc.colno})")
                    continue
                try:
                    yield parse_record(data, origin=origin, source=source, base_dir=path.parent)
                except RecordInvalid as exc:
                    yield RecordError(origin, str(exc))
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:  # raised while closing a damaged stream
        yield RecordError(f"{path}:{number + 1}", f"tệp nén bị hỏng hoặc bị cắt cụt ({exc})")
