"""Beyond one machine (deploy/README.md): the application boots and serves with the settings of a
stateless app node — Django's cache in Redis (REDIS_URL), public media on S3-compatible storage
(AWS_STORAGE_BUCKET_NAME, against moto's S3 server on 127.0.0.1) and reads on a replica
(DATABASE_REPLICA_URL, here the same SQLite file). Runs in a child process: these settings are
read once, at start. Skipped when Redis does not answer on 127.0.0.1:6379 (`make services`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers() -> bool:
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except Exception:
        return False


CHILD = r"""
import io, os, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("collectstatic", verbosity=0, interactive=False)  # hashed names, as in production

from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connections, router
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page

from tests import utils

home = utils.make_home()
buffer = io.BytesIO()
PILImage.new("RGB", (64, 48), "navy").save(buffer, "PNG")
image = Image(title="Ảnh thử", file=ImageFile(buffer, name="anh-thu.png"))
image.save()
rendition = image.get_rendition("fill-32x32")

cache.set("scale-out-check", "ok", 60)
assert router.db_for_read(Page) == "replica", router.db_for_read(Page)
assert router.db_for_write(Page) == "default"
with CaptureQueriesContext(connections["replica"]) as replica_queries:
    response = Client().get("/")
assert response.status_code == 200, response.status_code
assert len(replica_queries) > 0
print("IMAGE", image.file.name)
print("RENDITION", rendition.url)
print("CACHE", cache.make_key("scale-out-check"))
print("REPLICA_QUERIES", len(replica_queries))
"""


@pytest.mark.skipif(not redis_answers(), reason="Redis does not answer on 127.0.0.1:6379 (make services)")
def test_app_node_serves_with_redis_s3_and_a_read_replica(tmp_path):
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        credentials = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}
        s3 = boto3.client("s3", endpoint_url=endpoint, **credentials)
        s3.create_bucket(Bucket="portal-media")
        prefix = f"scale-out-{uuid.uuid4().hex[:8]}"
        database = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "REDIS_", "AWS_", "WAGTAILFRONTENDCACHE", "PORTAL_BASE_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY="scale-out-test-" + uuid.uuid4().hex,
            SECURE_SSL_REDIRECT="0",
            ALLOWED_HOSTS="testserver,localhost",
            DATABASE_URL=database,
            DATABASE_REPLICA_URL=database,
            REDIS_URL="redis://127.0.0.1:6379/3",
            CACHE_KEY_PREFIX=prefix,
            AWS_STORAGE_BUCKET_NAME="portal-media",
            AWS_S3_ENDPOINT_URL=endpoint,
            AWS_S3_REGION_NAME="us-east-1",
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            MEDIA_ROOT=str(tmp_path / "no-media-here"),
            PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
            STATIC_PRECOMPRESS="0",
            STATIC_ROOT=str(tmp_path / "static"),
        )
        result = subprocess.run(
            [sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
        lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)

        keys = [item["Key"] for item in s3.list_objects_v2(Bucket="portal-media").get("Contents", [])]
        assert f"media/{lines['IMAGE']}" in keys  # the original, on S3
        assert any(key.startswith("media/images/") for key in keys)  # and its rendition
        assert lines["RENDITION"].startswith(f"{endpoint}/portal-media/media/images/")
        assert not (tmp_path / "no-media-here").exists()  # nothing written on the node's disk

        import redis

        assert redis.Redis(host="127.0.0.1", port=6379, db=3).get(lines["CACHE"]) is not None
        assert int(lines["REPLICA_QUERIES"]) > 0
    finally:
        server.stop()
