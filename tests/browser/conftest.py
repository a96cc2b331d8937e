"""What the browser tests share: headless Chromium (Debian's package) driven by Playwright,
and the demo portal loaded into the live server's database."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
# are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The markup does not depend on the database: the browser tests run once, in the SQLite pass.
SQLITE_ONLY = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="browser tests run in the SQLite pass of the suite only",
)


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() or shutil.which(str(CHROMIUM))):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def demo_portal(transactional_db):
    from news.models import NewsPage

    call_command("load_initial_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    article = NewsPage.objects.live().filter(title__contains="28.320").get()
    return {"article": article.url}


@pytest.fixture(scope="session", autouse=True)
def production_server(request, tmp_path_factory):
    """gunicorn with the production settings for the `[gunicorn]` tests, prepared from the
    first browser test on so that it is ready when they come; None when not needed."""
    from tests.browser.production import GUNICORN, Gunicorn

    wanted = any("[gunicorn]" in item.nodeid for item in request.session.items) and not SQLITE_ONLY.args[0]
    chromium = CHROMIUM.exists() or shutil.which(str(CHROMIUM))
    if not (wanted and chromium and importlib.util.find_spec("playwright") and GUNICORN.exists()):
        yield None
        return
    server = Gunicorn(tmp_path_factory.mktemp("gunicorn"))
    server.start()
    try:
        yield server
    finally:
        server.stop()
