"""`manage.py backup` / `manage.py restore`: round trips on SQLite and PostgreSQL, and refusals.

The commands run in subprocesses against their own database files and folders (the test
database and the test settings' temporary media folders are not involved), exactly as an
operator would run them.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
PHOTO = "ảnh Đà Nẵng.jpg"
EVIDENCE = "tố-giác/bằng chứng.pdf"

SEED = """
from django.contrib.auth.models import User
User.objects.create_user("nguyen.van.an", "an@example.vn", "CongAn@2026", first_name="Nguyễn Văn Ấn")
"""
SHOW = """
from django.contrib.auth.models import User
from wagtail.models import Page
print(User.objects.get(username="nguyen.van.an").first_name, Page.objects.count())
"""


class Place:
    """A database URL and two file folders: what one installation of the portal is made of."""

    def __init__(self, root: Path, database_url: str | None = None, nested: bool = True):
        self.root = root
        self.db = root / "db.sqlite3"
        self.database_url = database_url or f"sqlite:///{self.db}"
        self.media = root / "media"
        self.private = self.media / "private" if nested else root / "private"

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PG"))}
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.media),
            PRIVATE_MEDIA_ROOT=str(self.private),
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            LOG_LEVEL="WARNING",
        )
        return env

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, MANAGE, *args], env=self.env(), capture_output=True, text=True, timeout=300
        )

    def ok(self, *args: str) -> str:
        result = self.manage(*args)
        assert result.returncode == 0, result.stderr
        return result.stdout


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` → its SHA-256 (empty when the folder does not exist)."""
    return {p.relative_to(root).as_posix(): sha(p) for p in sorted(root.rglob("*")) if p.is_file()}


def seed_files(place: Place) -> None:
    (place.media / "original_images").mkdir(parents=True)
    (place.media / "original_images" / PHOTO).write_bytes(b"\xff\xd8\xff" + os.urandom(3000))
    evidence = place.private / EVIDENCE
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"%PDF-1.4\n" + "Tố giác đánh bạc".encode() + b"\n%%EOF\n")


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Place:
    place = Place(tmp_path_factory.mktemp("nguon"))
    place.ok("migrate", "--noinput", "-v0")
    place.ok("shell", "-v0", "-c", SEED)
    seed_files(place)
    return place


@pytest.fixture(scope="module")
def saved(source, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("ban-sao") / "2026-12-02"
    out = source.ok("backup", str(dest))
    assert "Đã sao lưu" in out
    return dest


def test_manifest_lists_every_file_once_with_hashes_counts_and_versions(source, saved):
    manifest = json.loads((saved / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["files"]
    assert saved.stat().st_mode & 0o777 == 0o700, "personal data: the backup folder is private"
    assert set(files) == {
        "database.sqlite3",
        f"media/original_images/{PHOTO}",
        f"private/{EVIDENCE}",
    }, "the private tree inside media/ is copied once, under private/"
    for relative, item in files.items():
        assert item == {"size": (saved / relative).stat().st_size, "sha256": sha(saved / relative)}
    assert sha(saved / "private" / EVIDENCE) == sha(source.private / EVIDENCE)
    assert manifest["private"]["inside_media"] == "private"
    assert manifest["media"]["files"] == 1 and manifest["private"]["files"] == 1
    assert manifest["counts"]["auth.User"] == 1
    assert manifest["counts"]["wagtailcore.Page"] >= 1
    assert manifest["counts"]["contenttypes.ContentType"] > 50
    assert "auth.User_groups" in manifest["counts"]
    versions = manifest["versions"]
    assert versions["django"].startswith("5.") and versions["wagtail"]
    assert versions["database"]["engine"] == "sqlite" and versions["database"]["server"]


def test_sqlite_round_trip_restores_rows_and_files(source, saved, tmp_path):
    target = Place(tmp_path / "dich", nested=False)
    out = target.ok("restore", str(saved))
    assert "Đã phục hồi" in out and "khớp bản sao lưu" in out
    assert tree(target.media) == {k: v for k, v in tree(source.media).items() if not k.startswith("private/")}
    assert tree(target.private) == tree(source.private)
    assert target.ok("shell", "-v0", "-c", SHOW).split() == ["Nguyễn", "Văn", "Ấn", "2"]
    assert (
        sha(saved / "database.sqlite3")
        == json.loads((saved / "manifest.json").read_text())["files"]["database.sqlite3"]["sha256"]
    ), "restoring never changes the backup"


def test_check_only_verifies_without_writing(saved, tmp_path):
    target = Place(tmp_path / "dich")
    out = target.ok("restore", "--check-only", str(saved))
    assert "Bản sao lưu nguyên vẹn: 3 tệp" in out
    assert not target.root.exists()


def test_backup_refuses_a_non_empty_destination(source, tmp_path):
    dest = tmp_path / "co-san"
    dest.mkdir()
    (dest / "giữ lại.txt").write_text("của người khác")
    result = source.manage("backup", str(dest))
    assert result.returncode != 0
    assert "không trống" in result.stderr
    assert tree(dest) == {"giữ lại.txt": sha(dest / "giữ lại.txt")}


def _flip_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda b: _flip_byte(b / "database.sqlite3"), "database.sqlite3: mã băm SHA-256 không khớp"),
        (lambda b: (b / "private" / EVIDENCE).unlink(), f"private/{EVIDENCE}: thiếu tệp"),
        (lambda b: (b / "media" / "original_images" / PHOTO).write_bytes(b"x"), "kích thước 1 khác"),
        (lambda b: (b / "manifest.json").unlink(), "Không có manifest.json"),
    ],
    ids=["database-bit-flip", "missing-private-file", "truncated-photo", "no-manifest"],
)
def test_damaged_backup_is_refused_and_nothing_is_written(saved, tmp_path, damage, message):
    broken = tmp_path / "hong"
    shutil.copytree(saved, broken)
    damage(broken)
    target = Place(tmp_path / "dich")
    result = target.manage("restore", str(broken))
    assert result.returncode != 0
    assert message in result.stderr
    assert "không phục hồi gì" in result.stderr or "không phải bản sao lưu" in result.stderr
    assert not target.root.exists(), "no database file, no folder was created"


def test_restore_refuses_a_database_with_tables(source, saved, tmp_path):
    """The source itself (migrated, with data) is the most dangerous target there is."""
    before_db, before_files = sha(source.db), tree(source.media)
    elsewhere = Place(tmp_path / "dich")
    elsewhere.database_url = source.database_url
    result = elsewhere.manage("restore", str(saved))
    assert result.returncode != 0
    assert "Cơ sở dữ liệu đích không trống" in result.stderr
    assert sha(source.db) == before_db and tree(source.media) == before_files
    assert not elsewhere.media.exists()


def test_restore_refuses_non_empty_file_folders(saved, tmp_path):
    target = Place(tmp_path / "dich", nested=False)
    target.private.mkdir(parents=True)
    (target.private / "cũ.pdf").write_bytes(b"%PDF-old")
    result = target.manage("restore", str(saved))
    assert result.returncode != 0
    assert "không trống" in result.stderr
    assert not target.db.exists()
    assert tree(target.private) == {"cũ.pdf": sha(target.private / "cũ.pdf")}
    assert not target.media.exists()


def _pg_admin():
    psycopg = pytest.importorskip("psycopg")
    try:
        return psycopg.connect(dbname="postgres", connect_timeout=3, autocommit=True, **PG)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")


@pytest.mark.postgres
def test_postgres_round_trip(tmp_path):
    admin = _pg_admin()
    suffix = uuid.uuid4().hex[:8]
    names = [f"portal_backup_src_{suffix}", f"portal_backup_dst_{suffix}"]
    url = "postgres://{user}@{host}:{port}/{name}"
    try:
        for name in names:
            admin.execute(f'create database "{name}"')
        source = Place(tmp_path / "nguon", url.format(name=names[0], **PG))
        target = Place(tmp_path / "dich", url.format(name=names[1], **PG), nested=False)
        source.ok("migrate", "--noinput", "-v0")
        source.ok("shell", "-v0", "-c", SEED)
        seed_files(source)
        saved = tmp_path / "ban-sao"
        assert "cơ sở dữ liệu postgresql" in source.ok("backup", str(saved))
        manifest = json.loads((saved / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["versions"]["database"]["engine"] == "postgresql"
        assert manifest["counts"]["auth.User"] == 1

        assert "Đã phục hồi" in target.ok("restore", str(saved))
        pages = str(manifest["counts"]["wagtailcore.Page"])
        assert target.ok("shell", "-v0", "-c", SHOW).split() == ["Nguyễn", "Văn", "Ấn", pages]
        assert tree(target.private) == tree(source.private)

        again = target.manage("restore", str(saved))
        assert again.returncode != 0 and "Cơ sở dữ liệu đích không trống" in again.stderr
    finally:
        for name in names:
            admin.execute(f'drop database if exists "{name}" with (force)')
        admin.close()
