"""Vietnamese text utilities shared by imports, forms, slugs and search.

Pure functions, no Django models. Indexing and querying both call `fold`, so the two sides
always agree on what a word looks like once tone marks are gone.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

_SPACES = re.compile(r"\s+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Characters that carry no meaning in text: C0/C1 controls except tab/newline, zero-width marks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def nfc(text: str | None) -> str:
    """Return `text` in composed form (NFC); some keyboards send decomposed (NFD) input."""
    if not text:
        return ""
    return unicodedata.normalize("NFC", text)


def remove_controls(text: str) -> str:
    """Drop control and zero-width characters (they carry no meaning and break matching)."""
    return _CONTROL.sub("", text)


def clean(text: str | None) -> str:
    """NFC, control characters removed, surrounding white space stripped."""
    return remove_controls(nfc(text)).strip()


def clean_line(text: str | None) -> str:
    """`clean` and every run of white space collapsed to one space (titles, names)."""
    return _SPACES.sub(" ", clean(text))


def strip_tones(text: str | None) -> str:
    """Remove Vietnamese tone and vowel marks, keeping case: "Đẩy mạnh" -> "Day manh".

    Unicode decomposition does not split `đ`/`Đ` (they are letters, not d + mark), so they are
    mapped explicitly; without it "Đà Nẵng" would become "a Nang" after ASCII filtering.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str | None) -> str:
    """The one search key: NFC, lower case, tone marks removed, `đ` -> `d`, spaces collapsed."""
    return _SPACES.sub(" ", strip_tones(clean(text)).lower()).strip()


def slugify_vi(text: str | None, max_length: int = 255) -> str:
    """ASCII slug from a Vietnamese title: "Đẩy mạnh phong trào" -> "day-manh-phong-trao"."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def format_number(value: int | float | str | None) -> str:
    """Vietnamese thousands separator: 28320 -> "28.320", 1234.5 -> "1.234,5"."""
    if value is None or value == "":
        return ""
    try:
        number = float(value) if not isinstance(value, int) else value
    except (TypeError, ValueError):
        return str(value)
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int):
        return f"{number:,}".replace(",", ".")
    whole, _, fraction = f"{number:,.2f}".rstrip("0").partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def format_datetime(value: datetime | None) -> str:
    """Vietnamese dateline: "20:23 16/07/2019" (local time when the value is aware)."""
    if value is None:
        return ""
    if value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value)
    return value.strftime("%H:%M %d/%m/%Y")


def format_date(value: date | datetime | None) -> str:
    """Vietnamese date: "16/07/2019"."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")
