"""Redis is a soft dependency: with REDIS_URL set and Redis stopped, pages and forms keep
working from process memory, a warning is logged once a minute, and Redis is used again as
soon as it answers. Real servers only: a closed port for "down", a private redis-server for
"stops and comes back"."""

import logging
import shutil
import socket
import subprocess
import time

import pytest

from cms import cache as resilient
from cms.cache import ResilientRedisCache

DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused, as a stopped Redis


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_down_redis_answers_from_memory_and_warns_once(caplog):
    cache = ResilientRedisCache(DOWN, {})
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        for i in range(50):
            cache.set(f"k{i}", i, 60)
            assert cache.get(f"k{i}") == i
        assert cache.add("n", 0) and cache.incr("n") == 1
        assert cache.get_many(["k1", "k2"]) == {"k1": 1, "k2": 2}
    warnings = [r for r in caplog.records if r.name == "cms.cache"]
    assert len(warnings) == 1
    assert "Redis không trả lời" in warnings[0].getMessage()


def test_warning_repeats_only_after_a_minute(caplog, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(resilient.time, "monotonic", lambda: clock[0])
    cache = ResilientRedisCache(DOWN, {})
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        for _ in range(3):
            clock[0] += resilient.RETRY_SECONDS + 1  # each call tries Redis again and fails
            cache.get("x")
        assert len(caplog.records) == 1
        clock[0] += resilient.WARN_EVERY_SECONDS
        cache.get("x")
        assert len(caplog.records) == 2


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server not installed (make services)")
def test_redis_that_stops_and_comes_back_is_used_again(tmp_path, monkeypatch):
    port = _free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)]

    def start():
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return process
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    server = start()
    try:
        cache = ResilientRedisCache(f"redis://127.0.0.1:{port}/0", {})
        cache.set("shared", "redis", 60)
        assert cache.get("shared") == "redis"
        server.terminate()
        server.wait(10)
        assert cache.get("shared") is None  # from memory while Redis is down
        cache.set("while-down", 1, 60)
        assert cache.is_down
        server = start()
        monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
        cache._down_until = 0
        cache.set("back", "redis", 60)
        assert not cache.is_down
        import redis

        assert redis.Redis(port=port).exists(":1:back")
    finally:
        server.terminate()
        server.wait(10)
