import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cms import text

SLUG_CASES = [
    (
        "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "tiep-tuc-day-manh-phong-trao-toan-dan-bao-ve-an-ninh-to-quoc",
    ),
    ("Đẩy mạnh phong trào", "day-manh-phong-trao"),
    ("ĐÀ NẴNG: Đường dây nóng 113!", "da-nang-duong-day-nong-113"),
    ("  Cảnh báo   lừa đảo — qua mạng (2019)  ", "canh-bao-lua-dao-qua-mang-2019"),
    ("Người dân “đồng lòng” với Công an", "nguoi-dan-dong-long-voi-cong-an"),
    ("Quý, Quỳ, Khuya, Ỷ lại, Ưu tiên", "quy-quy-khuya-y-lai-uu-tien"),
    ("!!!", ""),
]


@pytest.mark.parametrize(("title", "slug"), SLUG_CASES)
def test_slugify_vi(title, slug):
    assert text.slugify_vi(title) == slug


@pytest.mark.parametrize(("title", "slug"), SLUG_CASES)
def test_slugify_vi_nfd_input(title, slug):
    assert text.slugify_vi(unicodedata.normalize("NFD", title)) == slug


def test_slugify_vi_max_length_cuts_on_word_boundary():
    slug = text.slugify_vi("Phòng chống tội phạm " * 20, max_length=30)
    assert len(slug) <= 30
    assert not slug.endswith("-")
    assert slug.startswith("phong-chong-toi-pham")


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Điện tử", "dien tu"),
        ("ĐĂNG KÝ THƯỜNG TRÚ", "dang ky thuong tru"),
        ("Đà Nẵng", "da nang"),
        ("bán", "ban"),
        ("bạn", "ban"),
        ("  Tổ   quốc\t\n", "to quoc"),
        ("dien tu", "dien tu"),
        ("Ngõ 12\u200b ngách 3", "ngo 12 ngach 3"),
    ],
)
def test_fold(raw, folded):
    assert text.fold(raw) == folded
    assert text.fold(unicodedata.normalize("NFD", raw)) == folded


def test_strip_tones_keeps_case_and_maps_d_with_stroke():
    assert text.strip_tones("Đà Nẵng") == "Da Nang"
    assert text.strip_tones("đđĐ") == "ddD"


def test_clean_returns_nfc_without_controls():
    nfd = unicodedata.normalize("NFD", "Công an\x00 ")
    cleaned = text.clean(nfd)
    assert cleaned == "Công an"
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (28320, "28.320"),
        (4480, "4.480"),
        (15787.0, "15.787"),
        (999, "999"),
        (1234567, "1.234.567"),
        (1234.5, "1.234,5"),
        (None, ""),
    ],
)
def test_format_number(value, shown):
    assert text.format_number(value) == shown


def test_format_datetime_local_time():
    value = datetime(2019, 7, 16, 13, 23, tzinfo=ZoneInfo("UTC"))
    assert text.format_datetime(value) == "20:23 16/07/2019"
    assert text.format_date(value) == "16/07/2019"
