"""Abuse bench: the expensive requests an attacker would send, timed and measured under gunicorn.

Starts the portal under gunicorn (one worker, one thread, so every request's memory is that
worker's) with a fresh SQLite database, then sends: a 20 KB PNG of 13.000 × 13.000 pixels as
tip evidence through the HTML form and through POST /api/v1/reports, the public statistics with
extreme and open periods, page 10^20 of the news and search listings, and 100 KB queries and
fields. For each it prints the status, the time and the worker's peak RSS during the request
(VmHWM from /proc/<pid>/status, reset before each request through /proc/<pid>/clear_refs; when
that is not allowed, RSS sampled every 2 ms), and fails unless each took under 1 s and grew the
worker by under 100 MB.

    .venv/bin/python bench/abuse.py
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from submit_load import PYTHON, ROOT, free_port  # noqa: E402

LIMIT_SECONDS = 1.0
LIMIT_MB = 100.0


def huge_png(width: int = 13_000, height: int = 13_000) -> bytes:
    """A black 1-bit PNG of width × height pixels in about 20 KB: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


class Memory:
    """The worker's peak resident memory over one request."""

    def __init__(self, pid: int):
        self.pid = pid
        self.can_reset = self._reset()

    def _status(self, field: str) -> int:
        text = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1)) * 1024

    def _reset(self) -> bool:
        try:
            Path(f"/proc/{self.pid}/clear_refs").write_text("5")
            return True
        except OSError:
            return False

    def measure(self, send):
        before = self._status("VmRSS")
        peak = [before]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                try:
                    peak[0] = max(peak[0], self._status("VmRSS"))
                except (OSError, AttributeError):
                    return
                time.sleep(0.002)

        if self.can_reset:
            self._reset()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        response = send()
        elapsed = time.perf_counter() - started
        stop.set()
        sampler.join()
        top = max(peak[0], self._status("VmHWM")) if self.can_reset else peak[0]
        return response, elapsed, before, top


def worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError("no gunicorn worker")


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="portal-abuse-"))
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="0",
        SECRET_KEY="bench-only-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{tmp / 'abuse.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        PORTAL_RATE_LIMITS="off",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        REDIS_URL="",
        LOG_LEVEL="ERROR",
    )
    (tmp / "static").mkdir()
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    setup = (
        "from tests.utils import make_home, make_news_index, make_article;"
        "from reports.models import ReportCategory;"
        "home = make_home(); make_article(make_news_index(home));"
        "crime = ReportCategory.objects.get(code='toi-pham-hinh-su');"
        "ReportCategory.objects.get_or_create(code='lua-dao-qua-mang', defaults={'name': 'Lừa đảo', 'parent': crime})"
    )
    subprocess.run([*manage, "shell", "-c", setup], env=env, cwd=ROOT, check=True)
    server = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--threads", "1", "--timeout", "120", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for _ in range(240):
            try:
                if requests.get(f"{base}/tin-tuc/", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            print("gunicorn did not start", file=sys.stderr)
            return 2
        memory = Memory(worker_pid(server.pid))
        browser = requests.Session()
        form = browser.get(f"{base}/phan-anh-to-giac/", timeout=30).text
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        ward = requests.get(f"{base}/dich-vu-cong-dia-ban/1/", timeout=10).json()["wards"][0]["code"]
        tip = {
            "category": "lua-dao-qua-mang",
            "description": "Tôi nhận được cuộc gọi giả danh công an yêu cầu chuyển tiền vào tài khoản lạ.",
            "occurred_date": "2026-01-15",
            "province": "1",
            "ward": str(ward),
        }
        bomb = huge_png()
        headers = {"Referer": f"{base}/phan-anh-to-giac/"}
        big = "Đ" * 50_000  # 100 KB in UTF-8

        cases = [
            (
                f"PNG 13.000×13.000 ({len(bomb) // 1024} KB), form",
                lambda: browser.post(
                    f"{base}/phan-anh-to-giac/",
                    data={**tip, "csrfmiddlewaretoken": csrf},
                    files={"files": ("bom.png", bomb, "image/png")},
                    headers=headers,
                    timeout=60,
                ),
            ),
            (
                "PNG 13.000×13.000, API /api/v1/reports",
                lambda: requests.post(
                    f"{base}/api/v1/reports", data=tip, files={"files": ("bom.png", bomb, "image/png")}, timeout=60
                ),
            ),
            ("Thống kê ?tu=0001-01-01&den=9999-12-31", lambda: requests.get(
                f"{base}/phan-anh-to-giac/thong-ke/?tu=0001-01-01&den=9999-12-31", timeout=60)),
            ("Thống kê ?ky=0001", lambda: requests.get(f"{base}/phan-anh-to-giac/thong-ke/?ky=0001", timeout=60)),
            ("Thống kê ?ky=9999", lambda: requests.get(f"{base}/phan-anh-to-giac/thong-ke/?ky=9999", timeout=60)),
            ("Thống kê năm 2019 (hợp lệ)", lambda: requests.get(f"{base}/phan-anh-to-giac/thong-ke/?ky=2019", timeout=60)),
            ("API thống kê ?ky=0001", lambda: requests.get(f"{base}/api/v1/stats/reports?ky=0001", timeout=60)),
            ("API thống kê ?from=0001-01-01&to=9999-12-31", lambda: requests.get(
                f"{base}/api/v1/stats/reports?from=0001-01-01&to=9999-12-31", timeout=60)),
            ("Tin tức ?trang=10^20", lambda: requests.get(f"{base}/tin-tuc/?trang={10**20}", timeout=60)),
            ("Tin tức ?thang=9999-12", lambda: requests.get(f"{base}/tin-tuc/?thang=9999-12", timeout=60)),
            ("Tìm kiếm ?trang=10^20", lambda: requests.get(f"{base}/tim-kiem/?q=cu+tru&trang={10**20}", timeout=60)),
            ("Tìm kiếm ?q= 100 KB", lambda: requests.get(f"{base}/tim-kiem/", params={"q": big}, timeout=60)),
            ("API tìm kiếm ?q= 100 KB", lambda: requests.get(f"{base}/api/v1/search", params={"q": big}, timeout=60)),
            ("API tìm kiếm ?trang=10^20", lambda: requests.get(
                f"{base}/api/v1/search?q=cu+tru&trang={10**20}", timeout=60)),
            (
                "Phản ánh, mô tả 100 KB (form)",
                lambda: browser.post(
                    f"{base}/phan-anh-to-giac/",
                    data={**tip, "description": big, "csrfmiddlewaretoken": csrf},
                    headers=headers,
                    timeout=60,
                ),
            ),
        ]  # fmt: skip
        for label, send in cases:
            response, elapsed, before, peak = memory.measure(send)
            rows.append((label, response.status_code, elapsed, before, peak, response.text))
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    mb = 1024 * 1024
    print(f"\nPeak RSS: {'VmHWM reset per request' if memory.can_reset else 'sampled every 2 ms'}")
    print(f"{'Request':48} {'HTTP':>4} {'Time':>8} {'RSS before':>11} {'Peak':>8} {'Growth':>8}  OK")
    failures = 0
    for label, status, elapsed, before, peak, body in rows:
        growth = (peak - before) / mb
        ok = elapsed < LIMIT_SECONDS and growth < LIMIT_MB and status < 500
        failures += not ok
        print(
            f"{label:48} {status:>4} {elapsed * 1000:>6.0f} ms {before / mb:>8.0f} MB {peak / mb:>5.0f} MB"
            f" {growth:>5.1f} MB  {'✓' if ok else '✗'}"
        )
        if "Ảnh quá lớn" in body:
            message = re.search(r"Ảnh quá lớn[^<\"]*", body).group(0)[:100]
            print(f"{'':48} → “{message}”")
    print(f"\nLimits: {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB growth per request; {failures} over.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
