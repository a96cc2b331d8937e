"""The old website's plain-text article.

Shape: the first line is `Title (HH:MM DD/MM/YYYY)`; then a lead that starts with the agency
prefix (`HNP - `); short stand-alone lines are section headings; everything else is a paragraph.
One file is one article; its source id comes from the file name, so re-importing the same file
updates the article instead of creating another one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cms.text import clean, clean_line

from .records import HEADING, PARAGRAPH, ImportRecord, RecordError, RecordInvalid, parse_published_at

SOURCE_PREFIX = "legacy"
_TITLE_LINE = re.compile(r"^(?P<title>.*\S)\s*\((?P<when>\d{1,2}:\d{2}\s+\d{1,2}/\d{1,2}/\d{4})\)$")
# "HNP - ", "TTXVN – ", "CAND—": an upper-case agency code, then a dash.
_AGENCY = re.compile(r"^(?P<agency>[A-ZĐ][A-ZĐ0-9.]{1,15})\s*[-–—]\s+\S")
HEADING_MAX_CHARS = 160
HEADING_MAX_WORDS = 25
_SENTENCE_END = (".", ";", ",", ":", "…")


def source_id_for(path: Path) -> str:
    """`legacy:hnp-2019-07-16` for `.../hnp-2019-07-16.txt`: stable across machines and runs."""
    return f"{SOURCE_PREFIX}:{path.stem}"


def is_heading(line: str) -> bool:
    """A short stand-alone line that does not end a sentence reads as a section heading."""
    return (
        len(line) <= HEADING_MAX_CHARS and len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(_SENTENCE_END)
    )


def read(path: Path, *, source: str | None = None) -> Iterator[ImportRecord | RecordError]:
    """Yield the article of one legacy text file, or the reason it cannot be imported."""
    origin = f"{path}:1"
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield RecordError(f"{path}:0", f"không đọc được tệp ({exc.strerror or exc})")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        yield RecordError(f"{path}:{line}", "tệp không phải UTF-8")
        return
    lines = clean(text).splitlines()
    if not lines:
        yield RecordError(origin, "tệp rỗng")
        return
    first = clean_line(lines[0])
    match = _TITLE_LINE.match(first)
    if not match:
        yield RecordError(origin, "dòng đầu phải có dạng “Tiêu đề (HH:MM DD/MM/YYYY)”")
        return
    try:
        published_at = parse_published_at(match["when"])
    except RecordInvalid as exc:
        yield RecordError(origin, str(exc))
        return

    numbered = [(number, clean_line(raw)) for number, raw in enumerate(lines[1:], start=2)]
    numbered = [(number, line) for number, line in numbered if line]
    sapo, agency = "", ""
    if numbered and (lead := _AGENCY.match(numbered[0][1])):
        sapo, agency = numbered[0][1], lead["agency"]
        numbered = numbered[1:]
    elif numbered and not is_heading(numbered[0][1]):
        sapo = numbered[0][1]
        numbered = numbered[1:]
    blocks = [(HEADING if is_heading(line) else PARAGRAPH, line) for _, line in numbered]
    if blocks and blocks[-1][0] == HEADING:
        blocks[-1] = (PARAGRAPH, blocks[-1][1])  # nothing follows it: a byline, not a section heading
    yield ImportRecord(
        origin=origin,
        source_id=f"{source}:{path.stem}" if source else source_id_for(path),
        title=match["title"],
        sapo=sapo,
        blocks=blocks,
        published_at=published_at,
        source=agency,
    )
