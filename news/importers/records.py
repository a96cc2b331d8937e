"""What every source format is turned into before it reaches the database.

Readers (`legacy_text`, `jsonl`) only parse; they yield `ImportRecord` for a good record and
`RecordError` for a bad one, both carrying `file:line` so the command can report exactly where
the problem is. The writer never sees raw text, so each format stays a small module.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from django.conf import settings

from cms.text import clean, clean_line

HEADING = "heading"
PARAGRAPH = "paragraph"

_VN_DATETIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(\d{1,2})/(\d{1,2})/(\d{4})$")
_VN_DATETIME_REVERSED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


@dataclass
class ImportRecord:
    """One article as read from a source, already NFC-normalised and validated for shape."""

    origin: str
    source_id: str
    title: str
    sapo: str = ""
    blocks: list[tuple[str, str]] = field(default_factory=list)
    published_at: datetime | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    legacy_url: str = ""
    image: str = ""
    author: str = ""
    source: str = ""


@dataclass
class RecordError:
    """A record that cannot be imported: where it is and why, in Vietnamese."""

    origin: str
    reason: str


class RecordInvalid(ValueError):
    """Raised by readers' helpers; turned into a `RecordError` with the record's origin."""


def local_timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def parse_published_at(value) -> datetime:
    """A publication date from the forms old sites and feeds use; naive values are local time.

    Accepts ISO 8601 ("2017-02-06T10:05:00+07:00", "2017-02-06 10:05", "2017-02-06"), the
    Vietnamese dateline "20:23 16/07/2019", "16/07/2019 20:23", "16/07/2019" and Unix seconds.
    """
    if isinstance(value, bool) or value is None:
        raise RecordInvalid("ngày đăng không hợp lệ")
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=local_timezone())
        except (OverflowError, OSError, ValueError):
            raise RecordInvalid(f"ngày đăng không hợp lệ: {value!r}")
    text = clean_line(str(value))
    if not text:
        raise RecordInvalid("ngày đăng để trống")
    parsed: datetime | None = None
    try:
        if match := _VN_DATETIME.match(text):
            hour, minute, second, day, month, year = match.groups()
            parsed = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        elif match := _VN_DATETIME_REVERSED.match(text):
            day, month, year, hour, minute, second = match.groups()
            parsed = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        else:
            iso = text[:-1] + "+00:00" if text.endswith("Z") else text
            try:
                parsed = datetime.fromisoformat(iso)
            except ValueError:
                parsed = datetime.combine(date.fromisoformat(iso), time())
    except ValueError:
        raise RecordInvalid(f"ngày đăng không hợp lệ: {text!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=local_timezone())
    return parsed


def text_list(value, what: str) -> list[str]:
    """Category or tag names: a string (comma separated for tags) or a list of strings."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items = value.split(",") if what == "tags" else [value]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise RecordInvalid(f"trường {what} phải là chuỗi hoặc danh sách chuỗi")
    seen: dict[str, None] = {}
    for item in items:
        name = clean_line(item)
        if name:
            seen.setdefault(name, None)
    return list(seen)


def paragraphs(text: str) -> list[str]:
    """Non-empty lines of a body, each cleaned; blank lines only separate."""
    return [line for line in (" ".join(raw.split()) for raw in clean(text).splitlines()) if line]


def stream_blocks(blocks: list[tuple[str, str]]) -> list[dict]:
    """StreamField raw data for `cms.blocks.BodyBlock`; paragraph text is HTML-escaped."""
    raw = []
    for kind, text in blocks:
        value = text if kind == HEADING else f"<p>{escape(text, quote=False)}</p>"
        raw.append({"type": kind, "value": value, "id": str(uuid.uuid4())})
    return raw


def comparable_blocks(raw: list[dict]) -> list[tuple[str, object]]:
    """Block types and values without their ids, to tell an unchanged body from a new one."""
    return [(block.get("type"), block.get("value")) for block in raw]
