"""Short codes that citizens read aloud, type on phones and copy from paper receipts.

The alphabet leaves out I, L, O and U (confused with 1, 1, 0 and V, and avoiding accidental
words); the last character is a Luhn mod 32 check character, so that any single mistyped
character and almost every swap of two neighbours is caught before any database look-up.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # 32 symbols, no I L O U
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_CONFUSABLE = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
_SEPARATORS = re.compile(r"[\s\-_.·]+")


_N = len(ALPHABET)


def _luhn_sum(chars: str, double_first: bool) -> int:
    total = 0
    double = double_first
    for ch in reversed(chars):
        addend = _VALUE[ch] * (2 if double else 1)
        total += addend // _N + addend % _N
        double = not double
    return total


def _check_char(body: str) -> str:
    return ALPHABET[(_N - _luhn_sum(body, double_first=True) % _N) % _N]


def generate(prefix: str = "", length: int = 8) -> str:
    """A random code of `length` symbols plus a check character, after an optional prefix."""
    body = prefix.upper() + "".join(secrets.choice(ALPHABET) for _ in range(length))
    return body + _check_char(body)


def allocate(prefix: str, taken: Callable[[str], bool], length: int = 8, attempts: int = 20) -> str:
    """A new code that `taken` says is free. 32⁸ codes make a clash rare; the bound turns a
    broken `taken` (always True) into an error instead of a request that never ends."""
    for _attempt in range(attempts):
        code = generate(prefix, length)
        if not taken(code):
            return code
    raise RuntimeError(f"no free {prefix} code after {attempts} attempts")


def normalize(raw: str | None) -> str:
    """Upper case, spaces and dashes removed, look-alike letters mapped to their digits."""
    if not raw:
        return ""
    return _SEPARATORS.sub("", raw).upper().translate(_CONFUSABLE)


def is_valid(code: str) -> bool:
    """True when `code` (already normalized) uses the alphabet and its check character matches."""
    if len(code) < 3 or any(ch not in _VALUE for ch in code):
        return False
    return _luhn_sum(code, double_first=False) % _N == 0


def display(code: str, group: int = 4) -> str:
    """Group characters for reading aloud: "HS7K2M9QXA" -> "HS7K-2M9Q-XA"."""
    return "-".join(code[i : i + group] for i in range(0, len(code), group))
