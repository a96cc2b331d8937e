"""The search engine backend: mapping and query bodies always; the real node when it answers
(`-m elasticsearch`, ELASTICSEARCH_URL): durable queue and replay, fallback, zero-downtime rebuild."""

import logging
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from search import indexing, selectors
from search.backends.base import ParsedQuery, SearchRequest
from search.backends.elasticsearch import backend as engine_backend
from search.es import documents
from search.models import PendingIndexUpdate, SearchEntry
from tests import utils
from tests.search.conftest import ENGINE_URL

DOWN = "http://127.0.0.1:9"  # nothing listens there


def test_analyzers_fold_tones_and_d_stroke():
    index = documents.index_definition("test-pages").to_dict()
    analysis = index["settings"]["analysis"]
    folded = analysis["analyzer"]["vi_folded"]
    assert folded["filter"] == ["lowercase", "asciifolding", "vi_abbreviations_folded"]
    assert folded["char_filter"] == ["vi_d_stroke"]
    assert analysis["char_filter"]["vi_d_stroke"]["mappings"] == ["đ => d", "Đ => D"]
    assert analysis["analyzer"]["vi_toned"]["filter"] == ["lowercase", "vi_abbreviations_toned"]
    assert analysis["tokenizer"]["vi_words"]["pattern"] == "[^a-z0-9]+"
    assert analysis["filter"]["vi_edge"]["type"] == "edge_ngram"
    assert "antq => an ninh to quoc" in analysis["filter"]["vi_abbreviations_folded"]["synonyms"]


def test_mapping_fields():
    props = documents.index_definition("test-pages").to_dict()["mappings"]["properties"]
    assert props["title_folded"]["analyzer"] == "vi_words"
    assert props["title_folded"]["fields"]["prefix"]["analyzer"] == "vi_prefix"
    assert props["title"]["analyzer"] == "vi_toned"
    assert props["title"]["fields"]["folded"]["analyzer"] == "vi_folded"
    assert props["body_folded"]["analyzer"] == "vi_words"
    assert props["kind"]["type"] == "keyword"
    assert props["date"]["type"] == "date"
    assert props["url"]["index"] is False


def test_documents_carry_the_projects_own_folding():
    from datetime import UTC, datetime

    from search.registry import IndexedDocument

    doc = IndexedDocument(
        1, "news", "Đà Nẵng bảo vệ ANTQ", "Người bán", "Thân bài", "/a/", datetime(2020, 1, 2, tzinfo=UTC)
    )
    body = documents.document_body(doc)
    assert body["title_folded"] == "da nang bao ve an ninh to quoc"
    assert body["title"] == "Đà Nẵng bảo vệ ANTQ"
    assert body["year"] == 2020


def test_query_requires_all_folded_words_and_boosts_toned_and_phrase():
    request = SearchRequest(
        query=ParsedQuery.parse("bảo vệ an ninh Tổ quốc"), kind="news", year=2019, limit=5, offset=10
    )
    body = documents.build_search(request, ["news"], 0.15).to_dict()
    function_score = body["query"]["function_score"]
    relevance = function_score["query"]["bool"]
    required = relevance["filter"][0]["multi_match"]
    assert required["query"] == "bao ve an ninh to quoc"
    assert required["operator"] == "and"
    assert required["fields"] == ["title_folded^10", "lead_folded^4", "body_folded^1"]
    # only a page holding every word in title + lead scores (as the database backends' head)
    (head,) = [s["bool"] for s in relevance["should"]]
    scored = head["must"][0]["multi_match"]
    assert (scored["type"], scored["operator"]) == ("cross_fields", "and")
    assert scored["fields"] == ["title_folded^10", "lead_folded^4"]
    phrase, toned = (s["multi_match"] for s in head["should"])
    assert (phrase["type"], phrase["boost"]) == ("phrase", 4)
    assert toned["type"] == "best_fields"
    assert toned["query"] == "bảo vệ tổ quốc"
    assert toned["fields"] == ["title^6", "lead^6"]
    assert function_score["functions"][0]["script_score"]["script"]["params"]["boost"] == 0.15
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
    assert body["query"]["bool"]["filter"][0]["multi_match"]["query"] == "an ninh or and title x"


def test_both_clients_can_be_chosen():
    assert documents.EngineClient("opensearch", DOWN).raw.__class__.__name__ == "OpenSearch"
    assert documents.EngineClient("elasticsearch", DOWN).raw.__class__.__name__ == "Elasticsearch"


@pytest.mark.django_db
def test_engine_down_falls_back_queues_and_never_answers_500(
    news_index, client, caplog, django_capture_on_commit_callbacks
):
    page = utils.make_article(news_index)
    engine_backend().reset()
    with override_settings(
        SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL=DOWN, ELASTICSEARCH_INDEX_PREFIX="test-down"
    ):
        with caplog.at_level(logging.WARNING, logger="search"):
            found = selectors.search_pages(query="bao ve an ninh to quoc")
            response = client.get("/tim-kiem/", {"q": "bảo vệ an ninh"})
            suggestions = selectors.search_suggest(query="bao ve an n")
            # publishing while the engine is down saves the page and queues the update
            with django_capture_on_commit_callbacks(execute=True) as callbacks:
                later = utils.make_article(news_index, title="Bài đăng khi máy chủ tìm kiếm ngừng")
        assert callbacks
    engine_backend().reset()
    assert [r.page_id for r in found.results] == [page.pk]
    assert found.backend.startswith("database")
    assert response.status_code == 200 and page.url in response.content.decode()
    assert [s["title"] for s in suggestions] == [page.title]
    assert "unavailable" in caplog.text and "queued for replay" in caplog.text
    assert SearchEntry.objects.filter(pk=later.pk).exists()
    queued = PendingIndexUpdate.objects.get(pk=later.pk)
    assert queued.attempts == 1 and queued.last_error


@pytest.mark.django_db
def test_search_replay_without_an_engine_reports_the_queue(news_index):
    with override_settings(SEARCH_BACKEND="database"):
        result = indexing.replay_pending()
    assert result.replayed == 0 and result.error


# The real node ------------------------------------------------------------------------------


def _engine_ids(query):
    found = selectors.search_pages(query=query)
    assert found.backend == "elasticsearch"
    return [r.page_id for r in found.results]


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_updates_missed_while_down_are_replayed_on_the_next_write(engine, news_index, settings):
    settings.ELASTICSEARCH_URL = DOWN
    missed = utils.make_article(news_index, title="Cảnh báo thủ đoạn lừa đảo mới")
    gone = utils.make_article(news_index, title="Thông báo cũ cần gỡ")
    gone.unpublish()
    assert set(PendingIndexUpdate.objects.values_list("page_id", flat=True)) == {missed.pk, gone.pk}
    engine_backend().reset()
    settings.ELASTICSEARCH_URL = ENGINE_URL
    assert _engine_ids("thu doan lua dao") == []  # the engine has not seen it yet
    utils.make_article(news_index, title="Bài mới sau khi máy chủ hoạt động lại")  # the next successful write
    assert not PendingIndexUpdate.objects.exists()
    assert _engine_ids("thu doan lua dao") == [missed.pk]
    assert _engine_ids("thong bao cu") == []


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_search_replay_command_and_task(engine, news_index, settings):
    settings.ELASTICSEARCH_URL = DOWN
    first = utils.make_article(news_index, title="Tuyển sinh trường Cảnh sát nhân dân")
    second = utils.make_article(news_index, title="Tuyển sinh trường An ninh nhân dân")
    assert PendingIndexUpdate.objects.count() == 2
    settings.ELASTICSEARCH_URL = ENGINE_URL
    call_command("search_replay", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    assert set(_engine_ids("tuyen sinh")) == {first.pk, second.pk}

    from search.tasks import replay_search_queue

    settings.ELASTICSEARCH_URL = DOWN
    engine_backend().reset()
    first.unpublish()
    settings.ELASTICSEARCH_URL = ENGINE_URL
    engine_backend().reset()
    assert replay_search_queue.enqueue().return_value == {"replayed": 1, "remaining": 0, "error": ""}
    assert _engine_ids("tuyen sinh") == [second.pk]


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_rebuild_swaps_the_alias_while_searches_keep_answering(engine, news_index, monkeypatch):
    pages = [
        utils.make_article(news_index, title=f"Tin an ninh số {n}", sapo="Bảo vệ an ninh Tổ quốc.") for n in range(30)
    ]
    es = engine.client()
    before = es.alias_targets(engine.alias_name())
    answers, errors, stop = [], [], threading.Event()

    def searching():
        while not stop.is_set():
            try:
                found = selectors.search_pages(query="an ninh to quoc", limit=50)
                answers.append((found.backend, found.total))
            except Exception as exc:  # noqa: BLE001 - the test reports every failure
                errors.append(exc)
        connection.close()

    # Slow the fill down so that the searches really run while the new index is being built.
    real_bulk = engine.bulk_write

    def slow_bulk(*args, **kwargs):
        stopped_at = len(answers)
        result = real_bulk(*args, **kwargs)
        for _ in range(100):
            if len(answers) > stopped_at + 3:
                break
            threading.Event().wait(0.05)
        return result

    monkeypatch.setattr(engine, "bulk_write", slow_bulk)
    thread = threading.Thread(target=searching)
    thread.start()
    try:
        during_start = len(answers)
        call_command("search_rebuild", verbosity=0)
        during = answers[during_start:]
    finally:
        stop.set()
        thread.join()
    after = es.alias_targets(engine.alias_name())
    assert not errors
    assert len(during) >= 3
    assert all(answer == ("elasticsearch", 30) for answer in during), set(during)
    assert len(after) == 1 and set(before).isdisjoint(after)
    assert es.indices(f"{engine.alias_name()}-*") == after  # the old index is gone
    assert set(_engine_ids("tin an ninh so")) <= {p.pk for p in pages}
    assert selectors.search_pages(query="tin an ninh so").total == 30


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True)
def test_engine_highlights_mark_the_toned_title(engine, news_index, settings):
    page = utils.make_article(news_index, title="Đà Nẵng tăng cường tuần tra <ban đêm>")
    hit = engine_backend().search(SearchRequest(query=ParsedQuery.parse("da nang tuan tra")), highlight=True).hits[0]
    assert hit.page_id == page.pk
    assert hit.highlights["title"] == [
        "<mark>Đà</mark> <mark>Nẵng</mark> tăng cường <mark>tuần</mark> <mark>tra</mark> &lt;ban đêm&gt;"
    ]
    settings.SEARCH_ENGINE_HIGHLIGHT = True
    result = selectors.search_pages(query="da nang tuan tra").results[0]
    assert result.title_html == hit.highlights["title"][0]
