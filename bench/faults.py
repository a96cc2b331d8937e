"""Fault bench: nothing acknowledged is lost while the servers behind the portal fail.

On 127.0.0.1 only, in a temporary folder, bounded in time. Starts its own PostgreSQL cluster
(initdb as the postgres user), its own Redis, and gunicorn with the production settings on
them; a steady load of tips (with a photo) and applications (with a PDF) from this process
(threads, like phones: a request that gets no answer is sent again with the same form token).
Meanwhile, one after the other:

  kill -9 of a gunicorn worker · PostgreSQL restarted · Redis stopped for 30 s and started ·
  the private upload folder full (a small tmpfs, when this machine lets us mount one)

Then it counts: every acknowledged submission exists with all its files and its PIN (or
contact) opens it; no row without its files, no file without its row; every 5xx was a
Vietnamese 503 page or JSON, never a stack trace; how many seconds each fault took to heal.

    bash bench/faults.sh            # or: .venv/bin/python bench/faults.py --redis-down 30
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from submit_load import PROCEDURE, build_payload, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]) if Path("/usr/lib/postgresql").exists() else None


def jpeg(index: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), ((index * 37) % 256, 90, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def wait_port(port: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


class Postgres:
    """A private cluster in the temporary folder, owned by the postgres user, trust on loopback."""

    def __init__(self, folder: Path, port: int):
        self.data, self.port = folder / "pg", port
        folder.chmod(0o777)

    def _as_postgres(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def init(self) -> None:
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "start")

    def restart(self) -> None:
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        try:
            self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        except subprocess.CalledProcessError:
            pass


class Redis:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port, self.process = folder, port, None

    def start(self) -> None:
        command = [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(self.folder),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port, 10)

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@dataclass
class Result:
    kind: str
    index: int
    started: float
    ended: float = 0.0
    code: str = ""
    pin: str = ""
    contact: str = ""
    statuses: list = field(default_factory=list)  # every answer, retries included
    bad_5xx: list = field(default_factory=list)  # 5xx that were not a Vietnamese 503


class Load:
    """Steady submissions from `clients` threads; each retries an unanswered post up to 20 times."""

    def __init__(self, base: str, definition: dict, places: dict, clients: int):
        self.base, self.definition, self.places, self.clients = base, definition, places, clients
        self.results: list[Result] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.counter = 0

    def _next(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def _post(self, result: Result, url: str, data: dict, files: dict) -> dict | None:
        for _attempt in range(20):
            try:
                response = requests.post(url, data=data, files=files, timeout=30)
            except requests.RequestException as error:
                result.statuses.append(type(error).__name__)
                time.sleep(0.5)
                continue
            result.statuses.append(response.status_code)
            if response.status_code >= 500:
                text = response.text
                if response.headers.get("Content-Type", "").startswith("application/json"):
                    text = str(response.json().get("detail", ""))
                vietnamese = "gián đoạn" in text and "Retry-After" in response.headers
                if response.status_code != 503 or not vietnamese or "Traceback" in text:
                    result.bad_5xx.append((response.status_code, text[:200]))
                time.sleep(0.5)
                continue
            if response.status_code in (200, 201):
                return response.json()
            return None
        return None

    def _tip(self, index: int) -> Result:
        result = Result("tip", index, time.monotonic())
        data = {
            "category": "toi-pham-hinh-su",
            "description": f"Tin báo thử nghiệm số {index}: có người gọi điện giả danh cơ quan chức năng.",
            "form_token": str(uuid.uuid4()),
        }
        files = {"files": (f"anh-{index}.jpg", jpeg(index), "image/jpeg")}
        answer = self._post(result, f"{self.base}/api/v1/reports", data, files)
        if answer:
            result.code, result.pin = answer["code"], answer["pin"]
        result.ended = time.monotonic()
        return result

    def _application(self, index: int) -> Result:
        result = Result("application", index, time.monotonic())
        data, files = build_payload(self.definition, self.places, index)
        answer = self._post(result, f"{self.base}/api/v1/applications", data, files)
        if answer:
            result.code, result.contact = answer["code"], data["applicant_phone"]
        result.ended = time.monotonic()
        return result

    def _client(self, number: int) -> None:
        while not self.stop.is_set():
            index = self._next()
            result = self._tip(index) if (index + number) % 2 else self._application(index)
            with self.lock:
                self.results.append(result)
            time.sleep(0.2)

    def run(self) -> list[threading.Thread]:
        threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        return threads


def gunicorn_workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def try_tmpfs(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with open(filler, "wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    return filler


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--redis-down", type=int, default=30, help="seconds Redis stays stopped")
    parser.add_argument("--settle", type=int, default=8, help="seconds of steady load between faults")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if PG_BIN is None or not shutil.which("redis-server"):
        print("PostgreSQL or Redis is not installed: bash .ci/services.sh installs them.", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="portal-faults-"))
    pg = Postgres(tmp, free_port())
    redis = Redis(tmp, free_port())
    private = tmp / "private"
    quota = try_tmpfs(private, "3m")
    try:
        return run(args, tmp, pg, redis, private, quota)
    finally:
        # Whatever happened, nothing this bench started is left running or mounted.
        redis.stop()
        pg.stop()
        if quota:
            subprocess.run(["umount", str(private)], check=False)
        if args.keep:
            print(f"Kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: Path, pg: Postgres, redis: Redis, private: Path, quota: bool) -> int:
    port = free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DEBUG="0",
        SECRET_KEY="faults-bench-secret-" + uuid.uuid4().hex,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{pg.port}/portal",
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        MEDIA_ROOT=str(tmp / "media"),
        PRIVATE_MEDIA_ROOT=str(private),
        STATIC_ROOT=str(tmp / "static"),
        PORTAL_RATE_LIMITS="off",
        # The demo procedures come with their officer's demo account, which production refuses.
        PORTAL_ALLOW_DEMO_ACCOUNTS="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
    )
    manage = [PYTHON, str(ROOT / "manage.py")]
    server = None
    faults: list[tuple[str, float, float]] = []  # name, injected at, healed at
    try:
        pg.init()
        subprocess.run(
            [PG_BIN / "createdb", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "portal"], check=True
        )
        redis.start()
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
        # The demo procedures (the tips use a category the migrations seed).
        setup = "from tests.utils import make_home; from services.demo import load_demo; load_demo(make_home())"
        subprocess.run([*manage, "shell", "-c", setup], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        gunicorn = str(Path(PYTHON).with_name("gunicorn"))
        server = subprocess.Popen(
            [gunicorn, "cms.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--timeout", "30"],
            env=env,
            cwd=ROOT,
            stderr=open(tmp / "gunicorn.log", "w"),  # noqa: SIM115
        )
        base = f"http://127.0.0.1:{port}"
        if not wait_port(port, 60):
            print("gunicorn did not start", file=sys.stderr)
            return 2
        definition = requests.get(f"{base}/api/v1/procedures/{PROCEDURE}", timeout=30).json()
        wards = requests.get(f"{base}/dich-vu-cong-dia-ban/1/", timeout=30).json()["wards"]
        load = Load(base, definition, {"province": 1, "ward": wards[0]["code"]}, args.clients)
        started = time.monotonic()
        threads = load.run()

        def healed_after(moment: float) -> float:
            """When the first submission sent after `moment` was acknowledged."""
            end = time.monotonic() + 90
            while time.monotonic() < end:
                with load.lock:
                    done = [r.ended for r in load.results if r.started >= moment and r.code]
                if done:
                    return min(done)
                time.sleep(0.2)
            return float("nan")

        time.sleep(args.settle)
        workers = gunicorn_workers(server.pid)
        if workers:
            at = time.monotonic()
            os.kill(workers[0], signal.SIGKILL)
            faults.append(("kill -9 gunicorn worker", at, healed_after(at)))
        time.sleep(args.settle)
        at = time.monotonic()
        pg.restart()
        faults.append(("PostgreSQL restart", at, healed_after(time.monotonic())))
        time.sleep(args.settle)
        at = time.monotonic()
        redis.stop()
        time.sleep(args.redis_down)
        redis.start()
        faults.append((f"Redis stopped {args.redis_down} s", at, healed_after(at)))
        time.sleep(args.settle)
        if quota:
            at = time.monotonic()
            filler = fill(private)
            time.sleep(args.settle)
            filler.unlink()
            faults.append(("private uploads disk full", at, healed_after(time.monotonic())))
            time.sleep(args.settle)
        load.stop.set()
        for thread in threads:
            thread.join(120)
        duration = time.monotonic() - started
    finally:
        if server:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()

    # Count, with the portal's own models, on the same database.
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.hashers import check_password

    from reports.models import Report, ReportAttachment
    from services.models import Application, ApplicationFile

    results = load.results
    acknowledged = [r for r in results if r.code]
    lost = 0
    for r in acknowledged:
        if r.kind == "tip":
            report = Report.objects.filter(code=r.code).first()
            ok = report is not None and check_password(r.pin, report.pin_hash)
            ok = ok and report.attachments.count() == 1
        else:
            application = Application.objects.filter(code=r.code).first()
            ok = application is not None and application.applicant_phone.endswith(r.contact[-9:])
            ok = ok and application.files.count() >= 1
        lost += not ok
    # Rows the load created that no client was ever acknowledged for (a PIN nobody saw).
    load_tips = Report.objects.filter(description__startswith="Tin báo thử nghiệm")
    acked_tips = {r.code for r in acknowledged if r.kind == "tip"}
    unacknowledged = load_tips.exclude(code__in=acked_tips).count()
    # Files and rows agree.
    referenced = {
        Path(name).name
        for model in (ReportAttachment, ApplicationFile)
        for name in model.objects.values_list("file", flat=True)
    }
    on_disk = {p.name for p in private.rglob("*") if p.is_file()}
    # A worker killed inside a transaction leaves its upload under a temporary name: no row
    # refers to it and `manage.py purge` removes it after UPLOAD_PARTS_RETENTION_MINUTES.
    parts = {name for name in on_disk if ".part-" in name}
    on_disk -= parts
    rows_without_file = sum(
        1
        for model in (ReportAttachment, ApplicationFile)
        for item in model.objects.all()
        if not item.file.storage.exists(item.file.name)
    )
    files_without_row = len(on_disk - referenced)
    statuses = Counter(s for r in results for s in r.statuses)
    bad = [b for r in results for b in r.bad_5xx]
    first_tries_failed = sum(1 for r in results if r.statuses and r.statuses[0] not in (200, 201))

    print()
    print(
        f"Load: {len(results)} submissions ({args.clients} clients, {args.workers} gunicorn workers) over {duration:.0f} s"
    )
    print(f"Answers: {dict(sorted(statuses.items(), key=str))}")
    print()
    print("| fault | healed after (s) |")
    print("|---|---|")
    for name, at, healed in faults:
        print(f"| {name} | {healed - at:.1f} |")
    if not quota:
        print("| private uploads disk full | not simulated: this machine refused a tmpfs mount |")
    print()
    print("| check | count |")
    print("|---|---|")
    rows = [
        ("acknowledged submissions", len(acknowledged)),
        ("acknowledged but lost (row, files or PIN/contact missing)", lost),
        ("rows nobody was acknowledged for", unacknowledged),
        ("rows without their file", rows_without_file),
        ("files without a row", files_without_row),
        ("temporary .part files of killed requests (purge removes them)", len(parts)),
        ("5xx that were not a Vietnamese 503 (stack traces)", len(bad)),
        ("submissions that needed a retry", first_tries_failed),
        ("submissions never acknowledged (gave up after 20 tries)", len(results) - len(acknowledged)),
    ]
    for name, count in rows:
        print(f"| {name} | {count} |")
    for status, text in bad[:3]:
        print(f"  {status}: {text}")

    failed = lost or unacknowledged or rows_without_file or files_without_row or bad or len(results) > len(acknowledged)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
