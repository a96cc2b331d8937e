"""Backup and restore of the whole portal: database, public media and citizens' private files.

A backup is one folder that can be checked on its own: `manifest.json` lists every file with
its size and SHA-256, the row count of every model and the versions that wrote it. A restore
checks all of that before it writes anything, and only ever writes into an empty database and
empty file folders, so it can never overwrite a running portal or delete what it did not create.

"Empty database" means a database without any table: a new SQLite file (or no file yet) or a
PostgreSQL database straight from `createdb`, *not* migrated. A migrated database already holds
rows (content types, permissions, the default site and root page) that would collide with the
backup's own; a database without tables is unambiguous on both engines.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.db import connections, transaction

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_DIR = "media"
PRIVATE_DIR = "private"
CHUNK = 1024 * 1024
PG_TIMEOUT = 6 * 60 * 60


class BackupError(Exception):
    """A refusal or failure, worded for the operator (Vietnamese)."""


@dataclass
class Tree:
    """One folder tree copied into the backup: where it came from, where it went, what it held."""

    root: Path
    target: str
    skip: Path | None = None
    files: int = 0
    bytes: int = 0


@dataclass
class Result:
    path: Path
    manifest: dict
    seconds: float
    mismatches: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.manifest["files"])

    @property
    def bytes(self) -> int:
        return sum(item["size"] for item in self.manifest["files"].values())

    @property
    def rows(self) -> int:
        return sum(self.manifest["counts"].values())


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại “{vendor}”.")
    return vendor


def _models() -> list:
    """Every concrete model with its own table, auto-created many-to-many tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        found.append(model)
    return sorted(found, key=lambda m: m._meta.label)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_hashed(source: Path, target: Path) -> tuple[int, str]:
    """Copy one file, never over an existing one; the hash is of the bytes actually written."""
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as src, target.open("xb") as dst:
        while chunk := src.read(CHUNK):
            dst.write(chunk)
            digest.update(chunk)
            size += len(chunk)
    shutil.copystat(source, target)
    return size, digest.hexdigest()


def _walk(root: Path, skip: Path | None = None) -> Iterator[Path]:
    """Regular files under `root` in a stable order, leaving out the `skip` subtree and symlinks."""
    if not root.is_dir():
        return
    for current, dirs, files in os.walk(root):
        here = Path(current)
        dirs[:] = sorted(d for d in dirs if not (skip and (here / d) == skip) and not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            if path.is_file() and not path.is_symlink():
                yield path


def _nested(inner: Path, outer: Path) -> bool:
    return inner != outer and inner.is_relative_to(outer)


def _roots() -> tuple[Path, Path]:
    return Path(settings.MEDIA_ROOT).resolve(), Path(settings.PRIVATE_MEDIA_ROOT).resolve()


def _trees() -> list[Tree]:
    """MEDIA_ROOT and PRIVATE_MEDIA_ROOT, each copied once even when one sits inside the other."""
    media, private = _roots()
    if media == private:
        return [Tree(media, MEDIA_DIR)]
    return [
        Tree(media, MEDIA_DIR, skip=private if _nested(private, media) else None),
        Tree(private, PRIVATE_DIR, skip=media if _nested(media, private) else None),
    ]


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _server_version(alias: str) -> str:
    with connections[alias].cursor() as cursor:
        if connections[alias].vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        return cursor.fetchone()[0]


def _versions(alias: str) -> dict:
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database": {"engine": connections[alias].vendor, "server": _server_version(alias)},
        "git_commit": _git_commit(),
    }


def _pg_tool(name: str, alias: str) -> str:
    """pg_dump/pg_restore no older than the server (Debian keeps one per major version)."""
    major = connections[alias].pg_version // 10000
    for candidate in (Path(f"/usr/lib/postgresql/{major}/bin/{name}"), shutil.which(name)):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    raise BackupError(f"Không tìm thấy chương trình {name} (cài gói postgresql-client-{major}).")


def _pg_args(alias: str) -> tuple[list[str], dict]:
    conf = connections[alias].settings_dict
    args = ["--no-password"]
    if conf.get("HOST"):
        args += ["--host", str(conf["HOST"])]
    if conf.get("PORT"):
        args += ["--port", str(conf["PORT"])]
    if conf.get("USER"):
        args += ["--username", str(conf["USER"])]
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    sslmode = (conf.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return args, env


def _run(command: list[str], env: dict, what: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise BackupError(f"{what} thất bại: {exc}")
    if result.returncode != 0:
        raise BackupError(f"{what} thất bại (mã {result.returncode}): {result.stderr.strip()[-2000:]}")


def live_counts(alias: str = "default") -> dict[str, int]:
    """Rows per model in the configured database (models whose table is missing are left out)."""
    with connections[alias].cursor() as cursor:
        existing = set(connections[alias].introspection.table_names(cursor))
        counts = {}
        for model in _models():
            table = model._meta.db_table
            if table in existing:
                cursor.execute(f"select count(*) from {connections[alias].ops.quote_name(table)}")
                counts[model._meta.label] = cursor.fetchone()[0]
    return counts


# ---------------------------------------------------------------------------------------------
# Backup


def _dump_sqlite(alias: str, target: Path) -> dict[str, int]:
    """The online backup API: a consistent copy while the portal keeps reading and writing.
    Row counts are taken from the copy itself so they describe exactly what was saved."""
    name = Path(connections[alias].settings_dict["NAME"])
    if not name.is_file():
        raise BackupError(f"Không có tệp cơ sở dữ liệu {name}.")
    source = sqlite3.connect(name, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        copy.execute("pragma journal_mode=delete")
        existing = {row[0] for row in copy.execute("select name from sqlite_master where type='table'")}
        counts = {}
        for model in _models():
            table = model._meta.db_table
            if table in existing:
                counts[model._meta.label] = copy.execute(f'select count(*) from "{table}"').fetchone()[0]
    finally:
        copy.close()
        source.close()
    return counts


def _dump_postgres(alias: str, target: Path) -> dict[str, int]:
    """pg_dump in the same snapshot as the row counts, so both describe one moment."""
    connection = connections[alias]
    args, env = _pg_args(alias)
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("set transaction isolation level repeatable read, read only")
        cursor.execute("select pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        command = [_pg_tool("pg_dump", alias), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"]
        _run([*command, *args, connection.settings_dict["NAME"]], env, "pg_dump")
        return live_counts(alias)


def backup(dest: Path | str, *, alias: str = "default", log: Callable[[str], None] = lambda _: None) -> Result:
    """Write a complete, self-checking backup into the new (or empty) folder `dest`."""
    started = time.monotonic()
    dest = Path(dest).absolute()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"Thư mục đích {dest} đã tồn tại và không trống; hãy chọn một thư mục mới.")
    engine = _engine(alias)
    media, private = _roots()
    if dest.resolve().is_relative_to(media) or dest.resolve().is_relative_to(private):
        raise BackupError(f"Thư mục đích {dest} không được nằm trong thư mục tệp của cổng.")
    created_dest = not dest.exists()
    dest.mkdir(parents=True, exist_ok=True)
    if created_dest:
        dest.chmod(0o700)  # citizens' personal data: readable by the portal's account only
    written: list[Path] = []
    try:
        db_file = SQLITE_FILE if engine == "sqlite" else POSTGRES_FILE
        written.append(dest / db_file)
        log("Đang sao lưu cơ sở dữ liệu…")
        counts = _dump_sqlite(alias, dest / db_file) if engine == "sqlite" else _dump_postgres(alias, dest / db_file)
        files = {db_file: {"size": (dest / db_file).stat().st_size, "sha256": _sha256(dest / db_file)}}

        trees = _trees()
        for tree in trees:
            log(f"Đang sao chép {tree.root}…")
            written.append(dest / tree.target)
            for path in _walk(tree.root, tree.skip):
                relative = f"{tree.target}/{path.relative_to(tree.root).as_posix()}"
                size, digest = _copy_hashed(path, dest / relative)
                files[relative] = {"size": size, "sha256": digest}
                tree.files += 1
                tree.bytes += size

        media_tree = trees[0]
        private_tree = trees[1] if len(trees) > 1 else trees[0]
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": _versions(alias),
            "database": {"engine": engine, "file": db_file, "name": str(connections[alias].settings_dict["NAME"])},
            "media": {
                "root": str(media_tree.root),
                "dir": media_tree.target,
                "files": media_tree.files,
                "bytes": media_tree.bytes,
            },
            "private": {
                "root": str(private_tree.root),
                "dir": private_tree.target,
                "inside_media": (
                    private_tree.root.relative_to(media_tree.root).as_posix()
                    if _nested(private_tree.root, media_tree.root)
                    else None
                ),
                "files": private_tree.files,
                "bytes": private_tree.bytes,
            },
            "counts": counts,
            "files": files,
        }
        temporary = dest / (MANIFEST + ".tmp")
        written.append(temporary)
        temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False), encoding="utf-8")
        temporary.rename(dest / MANIFEST)
    except BaseException:
        for path in written:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if created_dest:
            dest.rmdir()
        raise
    return Result(dest, manifest, time.monotonic() - started)


# ---------------------------------------------------------------------------------------------
# Restore


def read_manifest(src: Path) -> dict:
    path = src / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"Không có {MANIFEST} trong {src}: đây không phải bản sao lưu hoàn chỉnh.")
    except (OSError, ValueError) as exc:
        raise BackupError(f"Không đọc được {path}: {exc}")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} không đúng định dạng bản sao lưu (phiên bản {FORMAT}).")
    return manifest


def verify(src: Path | str) -> dict:
    """Every listed file present with its size and SHA-256; raises before anything is written."""
    src = Path(src).absolute()
    manifest = read_manifest(src)
    problems = []
    for relative, expected in manifest["files"].items():
        path = src / relative
        if ".." in Path(relative).parts or Path(relative).is_absolute():
            problems.append(f"{relative}: đường dẫn không hợp lệ")
        elif not path.is_file():
            problems.append(f"{relative}: thiếu tệp")
        elif path.stat().st_size != expected["size"]:
            problems.append(f"{relative}: kích thước {path.stat().st_size} khác {expected['size']}")
        elif _sha256(path) != expected["sha256"]:
            problems.append(f"{relative}: mã băm SHA-256 không khớp")
    if problems:
        shown = "\n".join(f"  - {p}" for p in problems[:20])
        more = f"\n  … và {len(problems) - 20} lỗi khác" if len(problems) > 20 else ""
        raise BackupError(
            f"Bản sao lưu {src} bị hỏng hoặc không đầy đủ ({len(problems)} lỗi), không phục hồi gì:\n{shown}{more}"
        )
    return manifest


def _check_empty_database(alias: str) -> None:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        # Looked at without Django's connection, which would create the file and its folder.
        name = Path(connection.settings_dict["NAME"])
        if not name.exists():
            return
        with closing(sqlite3.connect(name)) as probe:
            tables = [row[0] for row in probe.execute("select name from sqlite_master where type='table'")]
    else:
        tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"Cơ sở dữ liệu đích không trống ({len(tables)} bảng, ví dụ “{tables[0]}”). Chỉ phục hồi vào cơ sở "
            "dữ liệu mới chưa có bảng nào (tệp SQLite mới hoặc `createdb`, không chạy migrate trước)."
        )


def _check_empty_folders() -> None:
    for root in _roots():
        first = next(_walk(root), None)
        if first is not None:
            raise BackupError(f"Thư mục {root} không trống (ví dụ {first}); chỉ phục hồi vào thư mục trống.")


def _restore_sqlite(alias: str, dump: Path) -> None:
    connection = connections[alias]
    name = Path(connection.settings_dict["NAME"])
    connection.close()
    name.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(dump)
    target = sqlite3.connect(name, timeout=30)
    try:
        if target.execute("select count(*) from sqlite_master").fetchone()[0]:
            raise BackupError(f"Cơ sở dữ liệu đích {name} vừa có dữ liệu mới, dừng phục hồi.")
        source.backup(target)
    finally:
        target.close()
        source.close()


def _restore_postgres(alias: str, dump: Path) -> None:
    """One transaction: a failing restore leaves the database as empty as it was."""
    connection = connections[alias]
    args, env = _pg_args(alias)
    command = [
        _pg_tool("pg_restore", alias),
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        *args,
        str(dump),
    ]
    connection.close()
    _run(command, env, "pg_restore")


def restore(src: Path | str, *, alias: str = "default", log: Callable[[str], None] = lambda _: None) -> Result:
    """Check the backup and the targets, then restore the database and the files and compare
    the row counts with the manifest (mismatches are returned, nothing is undone)."""
    started = time.monotonic()
    src = Path(src).absolute()
    log("Đang kiểm tra mã băm các tệp trong bản sao lưu…")
    manifest = verify(src)
    engine = _engine(alias)
    if manifest["database"]["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu là của {manifest['database']['engine']}, cơ sở dữ liệu đích là {engine}: không phục hồi chéo."
        )
    _check_empty_database(alias)
    _check_empty_folders()

    log("Đang phục hồi cơ sở dữ liệu…")
    dump = src / manifest["database"]["file"]
    if engine == "sqlite":
        _restore_sqlite(alias, dump)
    else:
        _restore_postgres(alias, dump)

    log("Đang chép tệp…")
    media, private = _roots()
    targets = {manifest["media"]["dir"]: media, manifest["private"]["dir"]: private}
    problems = []
    for relative, expected in manifest["files"].items():
        top, _, rest = relative.partition("/")
        if top not in targets or not rest:
            continue
        size, digest = _copy_hashed(src / relative, targets[top] / rest)
        if (size, digest) != (expected["size"], expected["sha256"]):
            problems.append(f"{relative}: tệp đã đổi trong lúc phục hồi")

    counts = live_counts(alias)
    for label, expected in manifest["counts"].items():
        actual = counts.get(label)
        if actual != expected:
            problems.append(
                f"{label}: {actual if actual is not None else 'không có bảng'} dòng, bản sao lưu có {expected}"
            )
    for label, actual in counts.items():
        if label not in manifest["counts"] and actual:
            problems.append(f"{label}: {actual} dòng, bản sao lưu không có bảng này")
    return Result(src, manifest, time.monotonic() - started, mismatches=problems)
