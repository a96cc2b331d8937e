"""Highlighted passages: the stretch of a page's text where most query words meet.

Matching happens on folded words (so `dien tu` highlights `điện tử`), while the passage is
shown as written, HTML-escaped, with `<mark>` around the matched words.
"""

from __future__ import annotations

import re
from collections import Counter

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.folding import _CACHE as _FOLDED

_TOKEN = re.compile(r"\w+")
SCAN_CHARS = 12_000
WINDOW = 32


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
    text = text[:SCAN_CHARS]
    tokens = [(m.start(), m.end(), _FOLDED[m.group()]) for m in _TOKEN.finditer(text)]
    if not tokens:
        return mark_safe("")
    best_start, best_score = 0, -1
    if words:
        counts: Counter = Counter()
        distinct = 0
        for i, (_s, _e, folded) in enumerate(tokens):
            if folded in words:
                counts[folded] += 1
                if counts[folded] == 1:
                    distinct += 1
            if i >= window:
                old = tokens[i - window][2]
                if old in words:
                    counts[old] -= 1
                    if counts[old] == 0:
                        distinct -= 1
            if distinct > best_score and i >= min(window, len(tokens)) - 1:
                best_score, best_start = distinct, max(0, i - window + 1)
    first = tokens[best_start]
    last = tokens[min(best_start + window, len(tokens)) - 1]
    start = first[0]
    end = last[1]
    passage = highlight(text[start:end], words)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + passage + suffix)
