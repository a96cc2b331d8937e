"""The shared cache is purged whole after what every page shows changes (home/signals.py): the
contact settings, snippets, the page tree; citizens' submissions purge nothing."""

from unittest import mock

import pytest
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import BaseBackend

from home.models import PortalSettings
from tests import utils

purged: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        purged.append(url)


@pytest.fixture
def frontend_cache(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.home.test_cache_purge.RecordingBackend"}}
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8080"
    # What the fixtures before this one created counts as committed: its purge is not pending.
    transaction.get_connection().run_on_commit.clear()
    purged.clear()
    yield purged
    purged.clear()


@pytest.mark.django_db
def test_contact_settings_change_purges_everything_after_commit(
    home, frontend_cache, django_capture_on_commit_callbacks
):
    portal = PortalSettings.for_site(home.get_site())  # created here: counts as committed
    transaction.get_connection().run_on_commit.clear()
    portal.hotline = "069 219 4000"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        portal.save()
    assert frontend_cache == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert frontend_cache == ["http://127.0.0.1:8080/.purge-all"]


@pytest.mark.django_db
def test_publish_move_and_delete_purge(news_index, frontend_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = utils.make_article(news_index, title="Bài mới về an toàn giao thông")
    assert "http://127.0.0.1:8080/.purge-all" in frontend_cache
    frontend_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert frontend_cache
    frontend_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert frontend_cache == ["http://127.0.0.1:8080/.purge-all"]


@pytest.mark.django_db
def test_snippet_change_purges_and_a_submission_does_not(home, frontend_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        utils.make_category(name="Phòng cháy chữa cháy", slug="phong-chay")
    assert frontend_cache == ["http://127.0.0.1:8080/.purge-all"]
    frontend_cache.clear()
    from django.contrib.auth import get_user_model

    with django_capture_on_commit_callbacks(execute=True):
        get_user_model().objects.create_user("nguoidung", "a@example.vn", "Mat-khau-dai-123")
    assert frontend_cache == []


@pytest.mark.django_db
def test_no_frontend_cache_configured_sends_nothing(home, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with mock.patch("home.signals._send_purge") as send, django_capture_on_commit_callbacks(execute=True):
        PortalSettings.for_site(home.get_site()).save()
    send.assert_not_called()
