from search.snippets import highlight, phrase_count, snippet


def test_phrase_count_reads_folded_words_and_abbreviations():
    words = ("bao", "ve", "an", "ninh", "to", "quoc")
    text = "Phong trào bảo vệ ANTQ. Bảo vệ an ninh Tổ quốc, BẢO VỆ AN NINH TỔ QUỐC! bảo vệ an ninh quốc gia"
    assert phrase_count(text, words) == 3
    assert phrase_count("bảo vệ môi trường, an ninh và Tổ quốc", words) == 0
    assert phrase_count(text, ("bao",)) == 0  # one word is no phrase
    assert phrase_count("", words) == 0


def test_highlight_marks_abbreviations_of_query_words():
    html = str(highlight("Phong trào bảo vệ ANTQ", {"an", "ninh", "to", "quoc"}))
    assert html == "Phong trào bảo vệ <mark>ANTQ</mark>"


def test_snippet_picks_the_passage_with_the_most_query_words():
    text = " ".join(["lời"] * 80) + " đăng ký thường trú tại công an phường " + " ".join(["kết"] * 80)
    html = str(snippet(text, {"dang", "ky", "thuong", "tru"}))
    assert "<mark>đăng</mark> <mark>ký</mark> <mark>thường</mark> <mark>trú</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
