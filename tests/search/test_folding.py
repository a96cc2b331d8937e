"""The folding used by the index and by queries: `cms.text.fold` and its bulk-speed twin."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cms.text import fold
from search.backends.base import ParsedQuery
from search.folding import fold_fast, tone_lower

CASES = [
    (
        "Tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc",
        "tiep tuc day manh phong trao toan dan bao ve an ninh to quoc",
    ),
    ("ĐĂNG KÝ THƯỜNG TRÚ", "dang ky thuong tru"),
    ("Đà Nẵng", "da nang"),
    ("điện tử", "dien tu"),
    ("Căn cước công dân gắn chíp", "can cuoc cong dan gan chip"),
    ("bán  \t bạn\nbàn", "ban ban ban"),
    ("Quý, Quỳ, Khuya, Ỷ lại, Ưu tiên", "quy, quy, khuya, y lai, uu tien"),
    ("  “Đường dây nóng” 113!  ", "“duong day nong” 113!"),
    ("Ngõ\u200b hẻm", "ngo hem"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "folded"), CASES)
def test_fold_table(text, folded):
    assert fold(text) == folded
    assert fold_fast(text) == folded


@pytest.mark.parametrize(("text", "folded"), CASES)
def test_fold_nfd_input(text, folded):
    assert fold_fast(unicodedata.normalize("NFD", text)) == folded


def test_mixed_case_and_d_stroke():
    assert fold_fast("ĐỖ Đức ĐẠT đang Điều tra") == "do duc dat dang dieu tra"


_VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_ALPHABET = (
    _VIETNAMESE + _VIETNAMESE.upper() + " \t\n\x00\x1c\u00a0\u2003\u200b\u0301\u0323\"'“”-–…,.!?0123456789ΣσςİßﬁÅ한"
)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40))
def test_fold_fast_equals_fold(text):
    assert fold_fast(text) == fold(text)
    assert fold_fast(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFD", text))


def test_parsed_query_keeps_toned_words_only_when_marked():
    query = ParsedQuery.parse("Bán nhà Ha Noi")
    assert query.words == ("ban", "nha", "ha", "noi")
    assert query.toned == ("bán", "nhà")


def test_parsed_query_nfd_equals_nfc():
    text = "đăng ký thường trú"
    assert ParsedQuery.parse(unicodedata.normalize("NFD", text)) == ParsedQuery.parse(text)


def test_parsed_query_drops_operators_and_quotes():
    query = ParsedQuery.parse('"tổ quốc" AND (NEAR OR *) -an:ninh ^^')
    assert query.words == ("to", "quoc", "and", "near", "or", "an", "ninh")


def test_tone_lower():
    assert tone_lower("  Tổ   QUỐC ") == "tổ quốc"
