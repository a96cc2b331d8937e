"""Highlighted passages, and phrase counts, over a page's text as written.

Matching happens on folded words with abbreviations written out (so `dien tu` highlights
`điện tử` and `an ninh to quoc` finds `ANTQ`), while the passage is shown as written,
HTML-escaped, with `<mark>` around the matched words. Words are looked up through memoized
tables, so a 12.000-character body costs well under a millisecond.
"""

from __future__ import annotations

import re
from itertools import chain

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.folding import search_fold

_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"\w+")
SCAN_CHARS = 12_000
WINDOW = 32
_KEYS_LIMIT = 200_000


class _TokenKeys(dict):
    """Token as written -> the folded words inside it ("Quốc," -> ("quoc",), "ANTQ" -> four)."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        if len(self) >= _KEYS_LIMIT:
            self.clear()
        keys = self[token] = tuple(_WORD.findall(search_fold(token)))
        return keys


_KEYS = _TokenKeys()


def highlight(text: str, words: set[str]) -> SafeString:
    """`text` escaped, with every word whose folded form is in `words` wrapped in <mark>."""
    out, last = [], 0
    for match in _TOKEN.finditer(text):
        if any(key in words for key in _KEYS[match.group()]):
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


def folded_words(text: str) -> tuple[str, ...]:
    """The folded words of `text`, abbreviations written out, as the index sees them."""
    return tuple(key for token in text.split() for key in _KEYS[token])


def contains_run(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """True when `run` stands, in order and without gaps, inside `words`."""
    size = len(run)
    return 0 < size <= len(words) and any(words[i : i + size] == run for i in range(len(words) - size + 1))


def phrase_count(text: str, words: tuple[str, ...]) -> int:
    """How many times the folded `words` stand in a row in `text` (its first SCAN_CHARS)."""
    if len(words) < 2 or not text:
        return 0
    sequence = list(chain.from_iterable(map(_KEYS.__getitem__, text[:SCAN_CHARS].split())))
    first, size, count, index = words[0], len(words), 0, -1
    while True:
        try:
            index = sequence.index(first, index + 1)
        except ValueError:
            return count
        if tuple(sequence[index : index + size]) == words:
            count += 1
