"""Citizens' files live outside MEDIA_ROOT and leave the server only through checked views, as
downloads that a browser can neither sniff, render nor cache."""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches, re_path
from django.views.static import serve

from cms import storage, urls
from services.records import private_storage

SECRET = b"%PDF-1.4\n% CCCD 001203004567 Nguyen Van A\n%%EOF\n"

# The portal's own URLs plus the DEBUG media serving of cms/urls.py, whatever DEBUG is here.
# (`static()` itself returns nothing unless DEBUG is on when this module is imported.)
urlpatterns = [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}), *urls.urlpatterns]


def test_private_root_defaults_beside_media_not_inside():
    base = importlib.import_module("cms.settings.base")
    private, media = Path(base.PRIVATE_MEDIA_ROOT).resolve(), Path(base.MEDIA_ROOT).resolve()
    assert private == (base.BASE_DIR / "private_media").resolve()
    assert not private.is_relative_to(media) and not media.is_relative_to(private)
    assert "/private_media/" in (base.BASE_DIR / ".gitignore").read_text()


def test_nested_layout_is_reported_by_a_check(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    assert [w.id for w in storage.check_private_root()] == ["cms.W001"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    assert storage.check_private_root() == []


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=True)
def test_no_private_file_is_reachable_under_media(client):
    clear_url_caches()
    try:
        name = private_storage().save("ho-so/2026/12/cccd.pdf", ContentFile(SECRET))
        reports_name = storage.PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT / "reports").save(
            "bang-chung.pdf", ContentFile(SECRET)
        )
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        (Path(settings.MEDIA_ROOT) / "public.txt").write_text("công khai")
        assert client.get("/media/public.txt").status_code == 200  # the static serving is on
        rel = Path(settings.PRIVATE_MEDIA_ROOT).name
        for path in (
            f"/media/{name}",
            f"/media/private/{name}",
            f"/media/reports/{reports_name}",
            f"/media/private/reports/{reports_name}",
            f"/media/../{rel}/{name}",
            f"/media/%2e%2e/{rel}/{name}",
            f"/media/..%2f{rel}/{name}",
        ):
            response = client.get(path)
            assert response.status_code in {400, 404}, path
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert b"CCCD" not in body
        with pytest.raises(ValueError):
            private_storage().url(name)
    finally:
        clear_url_caches()


@pytest.mark.django_db
def test_download_helper_headers(tmp_path):
    path = tmp_path / "to-khai.pdf"
    path.write_bytes(SECRET)
    response = storage.private_file_response(path.open("rb"), filename="Tờ khai.pdf", content_type="application/pdf")
    try:
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"].startswith("default-src 'none'")
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == SECRET
    finally:
        response.close()
