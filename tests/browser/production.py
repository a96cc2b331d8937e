"""gunicorn with `cms.settings.production` for the browser tests, prepared in the background
(migrations, demo content, static files) while the other browser tests run."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")

# The officer's moves of a dossier, made in the server's own database: through the ORM for the
# live server, through a `manage.py shell` console kept open beside gunicorn (one JSON line in,
# "ok" out) so that each move does not pay for a Django start-up.
OFFICER = """
import json, sys
from django.contrib.auth import get_user_model
from services import services
from services.demo import OFFICER_USERNAME
from services.models import Application


def officer_moves(code, statuses):
    officer = get_user_model().objects.get(username=OFFICER_USERNAME)
    application = Application.objects.get(code=code)
    for status in statuses:
        services.application_transition(
            application=application, to_status=status, actor=officer, note="Cán bộ tiếp nhận ghi chú."
        )
"""
OFFICER_CONSOLE = """
for line in sys.stdin:
    try:
        officer_moves(*json.loads(line))
        print("ok", flush=True)
    except Exception as exc:
        print(repr(exc), flush=True)
"""
PREPARE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load_initial_data")
call_command("collectstatic", interactive=False, verbosity=0)
"""


@dataclass
class Portal:
    url: str
    console: subprocess.Popen | None = None  # gunicorn's officer console

    def officer_moves(self, code: str, *statuses: int) -> None:
        statuses = [int(s) for s in statuses]
        if self.console is None:
            namespace: dict = {}
            exec(OFFICER, namespace)  # noqa: S102 - our own code, shared with the console
            namespace["officer_moves"](code, statuses)
            return
        self.console.stdin.write(json.dumps([code, statuses]) + "\n")
        self.console.stdin.flush()
        answer = self.console.stdout.readline().strip()
        assert answer == "ok", answer


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn(threading.Thread):
    """Prepares a production installation and starts gunicorn in a background thread, so that
    the migrations and the demo content load while the live-server tests run.

    `cms.settings.production` as documented in the README, over plain HTTP on 127.0.0.1: only
    the HTTPS redirect and HSTS are off (SECURE_SSL_REDIRECT=0, as behind a proxy that
    terminates TLS). SESSION_COOKIE_SECURE and CSRF_COOKIE_SECURE stay on and need nothing
    else: Chromium treats http://127.0.0.1 as a secure context and keeps Secure cookies from
    it; the tests check the cookies' flags.
    """

    def __init__(self, root: Path):
        super().__init__(daemon=True)
        self.root = root
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Not the developer's Redis: its rate-limit counters and cache would be shared.
        self.env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        self.env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            DATABASE_URL=f"sqlite:///{root / 'db.sqlite3'}",
            SECRET_KEY=secrets.token_urlsafe(50),
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=self.url,
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            # The demo accounts sign in here (the tests' own server); a real production refuses them.
            PORTAL_ALLOW_DEMO_ACCOUNTS="1",
            STATIC_ROOT=str(root / "static"),
            MEDIA_ROOT=str(root / "media"),
            PRIVATE_MEDIA_ROOT=str(root / "private"),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        self.log = root / "gunicorn.log"
        self.processes: list[subprocess.Popen] = []
        self.console: subprocess.Popen | None = None
        self.error = ""
        self.stopping = False

    def _start(self, *args: str, **kwargs) -> subprocess.Popen:
        if self.stopping:
            raise RuntimeError("stopping")
        process = subprocess.Popen(args, cwd=BASE_DIR, env=self.env, text=True, **kwargs)
        self.processes.append(process)
        return process

    def run(self) -> None:
        try:
            self._prepare_and_serve()
        except Exception as exc:  # noqa: BLE001 - reported by wait_ready
            self.error = self.error or repr(exc)

    def _prepare_and_serve(self) -> None:
        with self.log.open("w") as log:
            prepare = self._start(
                sys.executable, "manage.py", "shell", "--verbosity", "0", "-c", PREPARE, stdout=log, stderr=log
            )
            if prepare.wait(timeout=600) != 0:  # collectstatic compresses every file: slow on a busy machine
                self.error = "migrate/load_initial_data/collectstatic failed"
                return
            bind = f"127.0.0.1:{self.port}"
            self._start(str(GUNICORN), "cms.wsgi:application", "--bind", bind, "--workers", "2", stdout=log, stderr=log)
        console = OFFICER + OFFICER_CONSOLE
        self.console = self._start(
            sys.executable,
            "manage.py",
            "shell",
            "--verbosity",
            "0",
            "-c",
            console,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def wait_ready(self) -> str:
        self.join(timeout=660)
        deadline = time.monotonic() + 60
        while not self.error:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    if response.status == 200:
                        return ""
            except OSError:
                pass
            if time.monotonic() > deadline or any(p.poll() not in (None, 0) for p in self.processes):
                self.error = "gunicorn did not answer"
            time.sleep(0.2)
        return f"{self.error}:\n{self.log.read_text()[-4000:]}"

    def stop(self) -> None:
        self.stopping = True
        for _attempt in range(2):  # again for a process the thread started meanwhile
            for process in self.processes:
                if process.poll() is None:
                    process.terminate()
            for process in self.processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            self.join(timeout=10)
