"""Load test of online applications: nothing submitted may be lost.

Starts the portal under gunicorn on 127.0.0.1 with a fresh database (SQLite by default, or
--database-url), loads the demo procedures, then sends N applications with a small PDF each
from C concurrent clients to POST /api/v1/applications. Afterwards every returned dossier code
is checked in the database: exactly one row, with its file present in private storage.

    .venv/bin/python bench/submit_load.py                 # 200 applications, 20 clients
    .venv/bin/python bench/submit_load.py -n 500 -c 40 --database-url postgres://postgres@127.0.0.1:5432/portal_bench

Prints lost (must be 0), errors, p50/p95/max latency and throughput.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PROCEDURE = "1.004222"  # Đăng ký tạm trú (demo catalogue)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"%" + b"x" * 2048 + b"\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_value(field: dict, places: dict) -> dict:
    """A valid answer for one field definition published by GET /api/v1/procedures/{code}."""
    name, kind = field["name"], field["type"]
    if kind == "place":
        province, ward = places["province"], places["ward"]
        return {field["inputs"][0]["name"]: str(province), field["inputs"][1]["name"]: str(ward)}
    values = {
        "text": "Số 12 đường Trần Phú",
        "textarea": "Đề nghị giải quyết theo quy định.",
        "number": "6",
        "cccd": "001090012345",
        "phone": "0912345678",
        "email": "congdan@example.vn",
        "checkbox": "on",
    }
    if kind == "date":
        return {name: (date.today() + timedelta(days=5)).isoformat() if "tu_ngay" in name else "1990-03-15"}
    if kind == "choice":
        return {name: field["choices"][0]}
    return {name: values[kind]}


def build_payload(definition: dict, places: dict, index: int) -> tuple[dict, dict]:
    data = {"procedure": definition["code"], "form_token": str(uuid.uuid4())}
    for field in definition["form_fields"]:
        data.update(sample_value(field, places))
    data["applicant_name"] = f"Nguyễn Văn Thử {index}"
    data["applicant_phone"] = f"09{index % 100_000_000:08d}"
    data.pop("applicant_email", None)  # no mail traffic in the measurement
    files = {
        c["field"]: (f"giay-to-{index}.pdf", PDF, "application/pdf") for c in definition["components"] if c["field"]
    }
    return data, files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--requests", type=int, default=200)
    parser.add_argument("-c", "--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (gthread, 2 threads each)")
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file in a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="0",
        SECRET_KEY="bench-only-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        PRIVATE_MEDIA_ROOT=str(tmp / "private"),
        PORTAL_RATE_LIMITS="off",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        REDIS_URL="",
        LOG_LEVEL="WARNING",
    )
    (tmp / "static").mkdir()
    manage = [PYTHON, str(ROOT / "manage.py")]
    print(f"Database: {env['DATABASE_URL']}", flush=True)
    started = time.perf_counter()
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    setup = "from tests.utils import make_home; from services.demo import load_demo; load_demo(make_home())"
    subprocess.run([*manage, "shell", "-c", setup], env=env, cwd=ROOT, check=True)
    print(f"Migrated and loaded demo in {time.perf_counter() - started:.0f} s", flush=True)

    server = subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--threads",
            "2",
            "--worker-class",
            "gthread",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/api/v1/procedures", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            print("gunicorn did not start", file=sys.stderr)
            return 2
        definition = requests.get(f"{base}/api/v1/procedures/{PROCEDURE}", timeout=10).json()
        province = requests.get(f"{base}/dich-vu-cong-dia-ban/1/", timeout=10)
        places = {"province": 1, "ward": province.json()["wards"][0]["code"]}

        def submit(index: int):
            data, files = build_payload(definition, places, index)
            t0 = time.perf_counter()
            try:
                response = requests.post(f"{base}/api/v1/applications", data=data, files=files, timeout=120)
            except requests.RequestException as exc:
                return index, time.perf_counter() - t0, None, repr(exc)
            elapsed = time.perf_counter() - t0
            if response.status_code != 201:
                return index, elapsed, None, f"{response.status_code} {response.text[:200]}"
            return index, elapsed, response.json()["code"], None

        t_start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(pool.map(submit, range(args.requests)))
        wall = time.perf_counter() - t_start
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    codes = [code for _, _, code, _ in results if code]
    errors = [(i, err) for i, _, _, err in results if err]
    latencies = sorted(elapsed for _, elapsed, _, _ in results)

    # Verify in the database with the same settings as the server.
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from services.models import Application

    rows = {a.code: a for a in Application.objects.filter(code__in=codes).prefetch_related("files")}
    lost = []
    for code in codes:
        application = rows.get(code)  # codes are unique; duplicates show in total_rows below
        if application is None:
            lost.append(code)
            continue
        files = list(application.files.all())
        if not files or not all(f.file.storage.exists(f.file.name) and f.file.size > 0 for f in files):
            lost.append(code)
    total_rows = Application.objects.count()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(round(p * (len(latencies) - 1))))] * 1000

    print(f"Sent:        {args.requests} applications, {args.concurrency} concurrent clients, {args.workers} workers")
    print(f"Created:     {len(codes)} (201)   rows in database: {total_rows}")
    print(f"Lost:        {len(lost)}")
    print(f"Errors:      {len(errors)}")
    for index, err in errors[:5]:
        print(f"  #{index}: {err}")
    print(f"Latency:     p50 {pct(0.50):.0f} ms   p95 {pct(0.95):.0f} ms   max {latencies[-1] * 1000:.0f} ms")
    print(f"Throughput:  {len(codes) / wall:.1f} applications/s over {wall:.1f} s")
    if args.keep:
        print(f"Kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if lost or errors or total_rows != len(codes) else 0


if __name__ == "__main__":
    sys.exit(main())
