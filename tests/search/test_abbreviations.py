"""The police press abbreviates ("bảo vệ ANTQ"); citizens type the words, or the reverse."""

import pytest
from django.db import transaction

from search import selectors
from search.es import analysis
from search.folding import search_fold, search_toned
from tests import utils


def test_abbreviations_are_written_out_on_both_sides():
    assert search_fold("Bảo vệ ANTQ, giữ vững ANTT.") == "bao ve an ninh to quoc, giu vung an ninh trat tu."
    assert search_toned("Phong trào bảo vệ ANTQ") == "phong trào bảo vệ an ninh tổ quốc"
    assert search_fold("HĐND và UBND") == "hoi dong nhan dan va uy ban nhan dan"
    # inside other words nothing changes
    assert search_fold("Cantq antqx") == "cantq antqx"


def test_elasticsearch_analyzers_expand_the_same_abbreviations():
    folded = analysis.vi_folded.get_analysis_definition()["filter"]["vi_abbreviations_folded"]
    assert "antq => an ninh to quoc" in folded["synonyms"]
    toned = analysis.vi_toned.get_analysis_definition()["filter"]["vi_abbreviations_toned"]
    assert "hđnd => hội đồng nhân dân" in toned["synonyms"]


@pytest.mark.django_db(transaction=False)
def test_full_phrase_finds_an_abbreviated_lead_first(news_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            plain = utils.make_article(
                news_index,
                title="Hội nghị sơ kết công tác an ninh tại phường",
                sapo="Các đơn vị trao đổi kinh nghiệm về công tác tuyên truyền.",
            )
            abbreviated = utils.make_article(
                news_index,
                title="Sơ kết phong trào tại các phường",
                sapo="Phong trào bảo vệ ANTQ tiếp tục được duy trì ở khu dân cư.",
            )
    found = selectors.search_pages(query="bao ve an ninh to quoc")
    assert [r.page_id for r in found.results][:1] == [abbreviated.pk]
    assert plain.pk not in [r.page_id for r in found.results]
    by_abbreviation = selectors.search_pages(query="ANTQ")
    assert [r.page_id for r in by_abbreviation.results] == [abbreviated.pk]
