"""The production stack (deploy/prod.sh: nginx -> Varnish -> gunicorn) on free ports in a temporary
folder: anonymous visitors get pages from the shared cache, an editor's publication reaches them
within 2 seconds, forms and the admin never come from the cache.

Runs when nginx, Varnish and Redis are installed (`make prod` installs the first two, `.ci/run`
too); skipped otherwise. Takes about a minute: migrations and collectstatic of a fresh stack.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "prod.sh"

pytestmark = [
    pytest.mark.prod,
    pytest.mark.skipif(
        not (Path("/usr/sbin/nginx").exists() and Path("/usr/sbin/varnishd").exists() and shutil.which("redis-server")),
        reason="nginx, Varnish or Redis is not installed (make prod installs them)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    def __init__(self, folder: Path):
        self.folder = folder
        self.http_port, self.cache_port, self.app_port = free_port(), free_port(), free_port()
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PORTAL_BASE_URL"}
        }
        self.env.update(
            PROD_DIR=str(folder),
            PROD_HTTP_PORT=str(self.http_port),
            PROD_CACHE_PORT=str(self.cache_port),
            PROD_APP_PORT=str(self.app_port),
            PROD_WORKERS="2",
            PROD_DEMO="0",
            PROD_INSTALL="0",
            MEDIA_ROOT=str(folder / "media"),
            PRIVATE_MEDIA_ROOT=str(folder / "private"),
        )

    def script(self, action: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(SCRIPT), action], env=self.env, capture_output=True, text=True, timeout=600, check=False
        )

    def manage_shell(self, code: str) -> str:
        """`manage.py shell -c` in the stack's own environment (its settings, database, cache purger)."""
        command = f". '{self.folder}/env' && exec '{ROOT}/.venv/bin/python' manage.py shell -c \"$CODE\""
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=ROOT,
            env={**self.env, "CODE": code},
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        lines = result.stdout.strip().splitlines()  # after Django's "N objects imported automatically"
        return lines[-1] if lines else ""

    def get(self, path: str, method: str = "GET", data: bytes | None = None):
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", data=data, method=method)
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="module")
def stack():
    # nginx's workers (nobody) read the static files: a folder others may enter, not pytest's 0700 one.
    folder = Path(tempfile.mkdtemp(prefix="portal-prod-"))
    folder.chmod(0o755)
    stack = Stack(folder)
    started = stack.script("start")
    try:
        assert started.returncode == 0, started.stdout[-3000:] + started.stderr[-3000:]
        yield stack
    finally:
        stack.script("stop")
        shutil.rmtree(folder, ignore_errors=True)


CREATE_PAGE = """
from wagtail.models import Site
from home.models import StandardPage
root = Site.objects.get(is_default_site=True).root_page
page = StandardPage(title='Thông báo về lịch tiếp công dân', slug='thong-bao-lich-tiep-cong-dan', intro='Bản đầu')
root.add_child(instance=page)
page.save_revision().publish()
print(page.url)
"""

PUBLISH_CHANGE = """
from home.models import StandardPage
page = StandardPage.objects.get(slug='thong-bao-lich-tiep-cong-dan')
page.title = 'Thông báo mới: lịch tiếp công dân tháng 12'
page.save_revision().publish()
"""


def test_start_prints_the_addresses_and_keeps_the_secret_key_private(stack):
    key = stack.folder / "secret_key"
    assert len(key.read_text().strip()) >= 50
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    status, headers, body = stack.get("/robots.txt")
    assert status == 200
    # A second start changes nothing and says where everything is.
    again = stack.script("start")
    assert again.returncode == 0, again.stderr[-2000:]
    assert f"http://127.0.0.1:{stack.http_port}/" in again.stdout


def test_published_change_reaches_anonymous_visitors_within_two_seconds(stack):
    url = stack.manage_shell(CREATE_PAGE)
    assert url.startswith("/") and url.endswith("/thong-bao-lich-tiep-cong-dan/")

    status, headers, body = stack.get(url)
    assert status == 200 and "Thông báo về lịch tiếp công dân" in body
    assert "public" in headers["Cache-Control"]
    status, headers, body = stack.get(url)
    assert status == 200
    assert headers["X-Cache"] == "HIT", dict(headers)
    assert "Age" in headers

    stack.manage_shell(PUBLISH_CHANGE)
    published = time.monotonic()
    while True:
        status, headers, body = stack.get(url)
        if "Thông báo mới: lịch tiếp công dân tháng 12" in body:
            break
        assert time.monotonic() - published < 2.0, "the old version was still served after 2 s"
        time.sleep(0.1)
    # The new version is cached again.
    status, headers, body = stack.get(url)
    assert headers["X-Cache"] == "HIT" and "tháng 12" in body


def test_forms_and_admin_are_never_cached(stack):
    for _ in range(2):
        status, headers, body = stack.get("/phan-anh-to-giac/")
        assert status == 200
        assert headers["X-Cache"] == "PASS"
        assert "no-store" in headers.get("Cache-Control", "") or "private" in headers.get("Cache-Control", "")
    status, headers, body = stack.get("/phan-anh-to-giac/", method="POST", data=b"x=1")
    assert headers["X-Cache"] == "PASS"
    assert status in (400, 403)  # no CSRF token: refused by the application, not by the cache
    for _ in range(2):
        status, headers, body = stack.get("/admin/login/")
        assert status == 200
        assert headers["X-Cache"] == "PASS"
        assert "Set-Cookie" in headers or "private" in headers.get("Cache-Control", "")


def test_static_files_come_from_nginx_compressed(stack):
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.http_port}/static/wagtailadmin/css/core.css",
        headers={"Accept-Encoding": "gzip"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Encoding"] == "gzip"
            assert "immutable" in response.headers["Cache-Control"]
            assert "X-Cache" not in response.headers  # never reached Varnish
    except urllib.error.HTTPError as error:  # pragma: no cover - a renamed admin stylesheet
        pytest.fail(f"static file missing: {error}")


def test_requests_are_logged_as_json_lines_without_private_queries(stack):
    stack.get("/tra-cuu-ho-so/?ma=ABC123&phone=0912345678")
    time.sleep(0.3)
    log = (stack.folder / "gunicorn.log").read_text()
    lines = [line for line in log.splitlines() if '"cms.access"' in line]
    assert lines
    assert "0912345678" not in log
    assert any('"path": "/tra-cuu-ho-so/"' in line for line in lines)
    # nginx keeps no line at all for the private paths, and no query strings for the others.
    access = (stack.folder / "nginx" / "access.log").read_text()
    assert "/robots.txt" in access
    assert "tra-cuu-ho-so" not in access
