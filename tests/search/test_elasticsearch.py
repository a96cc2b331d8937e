"""Elasticsearch: mapping and query structure always; a real server when ELASTICSEARCH_URL is set."""

import logging
import os
import uuid

import pytest
from django.test import override_settings

from search import selectors
from search.backends.base import ParsedQuery, SearchRequest
from search.es import documents
from tests import utils


def test_analyzers_fold_tones_and_d_stroke():
    index = documents.index_definition("test-pages").to_dict()
    analysis = index["settings"]["analysis"]
    folded = analysis["analyzer"]["vi_folded"]
    assert folded["filter"] == ["lowercase", "asciifolding", "vi_abbreviations_folded"]
    assert folded["char_filter"] == ["vi_d_stroke"]
    assert analysis["char_filter"]["vi_d_stroke"]["mappings"] == ["đ => d", "Đ => D"]
    assert analysis["analyzer"]["vi_toned"]["filter"] == ["lowercase", "vi_abbreviations_toned"]
    assert "antq => an ninh to quoc" in analysis["filter"]["vi_abbreviations_folded"]["synonyms"]


def test_mapping_fields():
    props = documents.index_definition("test-pages").to_dict()["mappings"]["properties"]
    assert props["title"]["analyzer"] == "vi_folded"
    assert props["title"]["fields"]["toned"]["analyzer"] == "vi_toned"
    assert props["body"]["fields"]["toned"]["analyzer"] == "vi_toned"
    assert props["kind"]["type"] == "keyword"
    assert props["date"]["type"] == "date"
    assert props["url"]["index"] is False


def test_query_requires_all_folded_words_and_boosts_toned_and_phrase():
    request = SearchRequest(
        query=ParsedQuery.parse("bảo vệ an ninh Tổ quốc"), kind="news", year=2019, limit=5, offset=10
    )
    body = documents.build_search(request, ["news"], 0.15).to_dict()
    function_score = body["query"]["function_score"]
    relevance = function_score["query"]["bool"]
    must = relevance["must"][0]["multi_match"]
    assert must["query"] == "bao ve an ninh to quoc"
    assert must["operator"] == "and"
    assert must["fields"][0] == "title^10"
    phrase, toned = (s["multi_match"] for s in relevance["should"])
    assert phrase["type"] == "phrase"
    assert toned["query"] == "bảo vệ tổ quốc"
    assert toned["fields"][0] == "title.toned^6"
    assert function_score["functions"][1]["gauss"]["date"]["scale"] == "365d"
    assert {"term": {"kind": "news"}} in body["post_filter"]["bool"]["filter"]
    assert body["from"] == 10 and body["size"] == 5
    # the type facet ignores the type filter but keeps the year filter
    type_filter = body["aggs"]["type"]["filter"]["bool"]["filter"]
    assert {"term": {"year": 2019}} in type_filter
    assert {"term": {"kind": "news"}} not in type_filter


def test_user_syntax_never_reaches_query_string():
    request = SearchRequest(query=ParsedQuery.parse('an ninh" OR *:* AND title:(x'))
    body = documents.build_search(request, [], 0.15).to_dict()
    assert "query_string" not in str(body)
    assert (
        body["query"]["function_score"]["query"]["bool"]["must"][0]["multi_match"]["query"] == "an ninh or and title x"
    )


@pytest.mark.django_db
def test_falls_back_to_database_when_elasticsearch_is_down(news_index, caplog, django_capture_on_commit_callbacks):
    page = utils.make_article(news_index)
    documents._CLIENT = None
    with override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:9"):
        with caplog.at_level(logging.ERROR, logger="search.selectors"):
            found = selectors.search_pages(query="bao ve an ninh to quoc")
        # publishing while Elasticsearch is down must not fail either
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            utils.make_article(news_index, title="Bài đăng khi máy chủ tìm kiếm ngừng")
        assert callbacks
    documents._CLIENT = None
    assert [r.page_id for r in found.results] == [page.pk]
    assert found.backend.startswith("database")
    assert "unavailable" in caplog.text


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_real_server_index_search_and_alias_swap(news_index):
    if not os.environ.get("ELASTICSEARCH_URL"):
        pytest.skip("ELASTICSEARCH_URL not set")
    from django.core.management import call_command

    prefix = f"test-{uuid.uuid4().hex[:8]}"
    documents._CLIENT = None
    with override_settings(
        SEARCH_BACKEND="elasticsearch",
        ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"],
        ELASTICSEARCH_INDEX_PREFIX=prefix,
    ):
        es = documents.client()
        try:
            main = utils.make_article(news_index)
            utils.make_article(news_index, title="Người bạn đồng hành")
            sale = utils.make_article(news_index, title="Người bán đồng hành")
            found = selectors.search_pages(query="bao ve an ninh to quoc")
            assert found.backend == "elasticsearch"
            assert [r.page_id for r in found.results] == [main.pk]
            assert [r.page_id for r in selectors.search_pages(query="bán").results][0] == sale.pk
            before = set(es.indices.get_alias(name=documents.alias_name()))
            call_command("search_reindex", verbosity=0)
            after = set(es.indices.get_alias(name=documents.alias_name()))
            assert before.isdisjoint(after) and len(after) == 1
            assert [r.page_id for r in selectors.search_pages(query="to quoc").results] == [main.pk]
        finally:
            es.indices.delete(index=f"{prefix}-pages-*", ignore_unavailable=True)
            documents._CLIENT = None
