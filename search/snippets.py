"""Highlighted passages: the stretch of a page's text where most query words meet.

Matching happens on folded words (so `dien tu` highlights `điện tử`), while the passage is
shown as written, HTML-escaped, with `<mark>` around the matched words. Words are looked up
through memoized tables, so a 12.000-character body costs well under a millisecond.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.folding import _CACHE as _FOLDED

_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"\w+")
SCAN_CHARS = 12_000
WINDOW = 32
_KEYS_LIMIT = 200_000


class _TokenKeys(dict):
    """White-space token as written -> the folded words inside it ("Quốc," -> ("quoc",))."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) >= _KEYS_LIMIT:
            self.clear()
        keys = self[token] = tuple(_WORD.findall(_FOLDED[token]))
        return keys


_KEYS = _TokenKeys()


def highlight(text: str, words: set[str]) -> SafeString:
    """`text` escaped, with every word whose folded form is in `words` wrapped in <mark>."""
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        if _FOLDED[match.group()] in words:
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(text: str, words: set[str], window: int = WINDOW) -> SafeString:
    """The `window`-word passage of `text` holding the most distinct query words, highlighted."""
    tokens = text[:SCAN_CHARS].split()
    if not tokens:
        return mark_safe("")
    keys = list(map(_KEYS.__getitem__, tokens))
    hits = [(i, key) for i, token_keys in enumerate(keys) for key in token_keys if key in words]
    best_start, best_score = 0, 0
    for position, (index, _key) in enumerate(hits):
        start = max(0, min(index - 2, len(tokens) - window))
        seen = set()
        for other_index, other_key in hits[position:]:
            if other_index >= start + window:
                break
            seen.add(other_key)
        if len(seen) > best_score:
            best_score, best_start = len(seen), start
    passage = " ".join(tokens[best_start : best_start + window])
    prefix = "… " if best_start > 0 else ""
    suffix = " …" if best_start + window < len(tokens) or len(text) > SCAN_CHARS else ""
    return mark_safe(prefix + highlight(passage, words) + suffix)
