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


def _request(remote: str, forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **extra)


def test_client_address_without_a_proxy_ignores_a_spoofed_header(settings):
    settings.TRUSTED_PROXIES = []
    assert ratelimit.client_address(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    # an untrusted client writing the header itself is not believed
    assert ratelimit.client_address(_request("203.0.113.9", "10.0.0.1, 1.2.3.4")) == "203.0.113.9"


def test_client_address_behind_trusted_proxies_walks_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"]
    assert ratelimit.client_address(_request("10.0.0.1", "198.51.100.4")) == "198.51.100.4"
    # the client's own prefix ("1.1.1.1") is left of the hop our proxy added: ignored
    assert ratelimit.client_address(_request("10.0.0.1", "1.1.1.1, 198.51.100.4, 192.0.2.7")) == "198.51.100.4"
    assert ratelimit.client_address(_request("2001:db8::1", "[2001:db8::9]:443, 198.51.100.5:1234")) == "198.51.100.5"
    assert ratelimit.client_address(_request("::ffff:10.0.0.1", "198.51.100.6")) == "198.51.100.6"
    # nothing but trusted hops, garbage, or no header: the proxy itself
    assert ratelimit.client_address(_request("10.0.0.1", "10.0.0.2")) == "10.0.0.1"
    assert ratelimit.client_address(_request("10.0.0.1", "198.51.100.4, not-an-ip")) == "10.0.0.1"
    assert ratelimit.client_address(_request("10.0.0.1")) == "10.0.0.1"


def test_rate_limit_behind_a_proxy_counts_each_citizen(settings):
    settings.PORTAL_RATE_LIMITS = "2/600"
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    a = _request("10.0.0.1", "198.51.100.1")
    b = _request("10.0.0.1", "198.51.100.2")
    assert [ratelimit.hit(a, "proxy") for _ in range(3)] == [True, True, False]
    assert ratelimit.hit(b, "proxy")
    # without the setting everyone behind the proxy shares one counter
    settings.TRUSTED_PROXIES = []
    c, d = _request("10.0.0.1", "198.51.100.3"), _request("10.0.0.1", "198.51.100.4")
    assert [ratelimit.hit(c, "shared") for _ in range(2)] == [True, True]
    assert not ratelimit.hit(d, "shared")


def test_a_mistyped_trusted_proxy_is_a_configuration_error(settings):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    settings.TRUSTED_PROXIES = ["10.0.0.300"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        ratelimit.client_address(_request("10.0.0.1", "198.51.100.4"))
