"""One normaliser and validator per kind of value citizens type: phone numbers, national IDs.

Every form and the API use these, so a number is stored the same way whichever door it came in
by ("+84 912 345 678" and "0912.345.678" are both "0912345678").
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.text import clean

_MOBILE = re.compile(r"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_PHONE_JUNK = re.compile(r"[\s.\-()]")
# The first three digits of a 12-digit citizen ID: the province of birth registration
# (the 63 codes fixed before the 2025 merger, still printed on every card).
CCCD_PROVINCES = set(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 "
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 "
    "083 084 086 087 089 091 092 093 094 095 096".split()
)


def normalize_phone(raw: str) -> str:
    """ "+84 912 345 678", "0912.345.678" -> "0912345678"."""
    value = _PHONE_JUNK.sub("", clean(raw))
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    return value


def validate_phone(value: str) -> str:
    phone = normalize_phone(value)
    if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        raise ValidationError(
            _(
                "Số điện thoại không hợp lệ: cần 10 chữ số của mạng di động Việt Nam (ví dụ 0912 345 678) hoặc số máy bàn 11 chữ số."
            ),
            code="phone",
        )
    return phone


def validate_cccd(value: str) -> str:
    number = re.sub(r"\s", "", clean(value))
    if not re.fullmatch(r"\d{12}", number):
        raise ValidationError(_("Số căn cước/CCCD phải gồm đúng 12 chữ số."), code="cccd_length")
    if number[:3] not in CCCD_PROVINCES:
        raise ValidationError(
            _("Số căn cước/CCCD không hợp lệ: ba chữ số đầu không phải mã tỉnh, thành phố nơi đăng ký khai sinh."),
            code="cccd_province",
        )
    return number
