from django.test import RequestFactory

from cms import places, ratelimit


def test_two_level_map_has_34_provinces():
    assert len(places.provinces()) == 34
    hanoi = places.get_province(1)
    assert hanoi.name == "Thành phố Hà Nội"
    ward = next(w for w in hanoi.wards if w.name == "Phường Hoàn Kiếm")
    assert places.ward_belongs_to(ward.code, 1)
    assert not places.ward_belongs_to(ward.code, 79)
    assert places.get_ward("x") is None


def test_rate_limit_counts_per_client(settings):
    settings.PORTAL_RATE_LIMITS = "3/600"
    rf = RequestFactory()
    a = rf.post("/", REMOTE_ADDR="10.0.0.1")
    b = rf.post("/", REMOTE_ADDR="10.0.0.2")
    assert [ratelimit.hit(a, "t") for _ in range(4)] == [True, True, True, False]
    assert ratelimit.hit(b, "t")


def test_rate_limit_off(settings):
    settings.PORTAL_RATE_LIMITS = "off"
    a = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    assert all(ratelimit.hit(a, "t") for _ in range(50))


def test_fingerprint_does_not_contain_address():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    assert "203.0.113.9" not in ratelimit.client_fingerprint(request)


def test_rate_limit_is_not_reset_by_a_window_boundary(settings, monkeypatch):
    settings.PORTAL_RATE_LIMITS = "3/600"
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.7")
    now = [600 * 1000 + 599.0]  # one second before a window ends
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert [ratelimit.hit(request, "edge") for _ in range(3)] == [True, True, True]
    now[0] += 2  # the next window has begun
    assert not ratelimit.hit(request, "edge")
    now[0] += 600 * 2  # two windows later the client may send again
    assert ratelimit.hit(request, "edge")
