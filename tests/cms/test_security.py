"""Staff sign-in (password, throttling, second factor, idle timeout), the refusal of demo
accounts in production, `check --deploy` and the security headers."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms import security

PASSWORD = "mật-khẩu-đủ-dài-2026"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)


def _login(client, username="quantri", password=PASSWORD, address="10.0.0.1"):
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# Passwords ---------------------------------------------------------------------------------


def test_demo_password_and_short_or_common_passwords_are_refused():
    for password in (settings.PORTAL_DEMO_PASSWORD, "Ngắn@2026", "password1234", "123456789012"):
        with pytest.raises(ValidationError):
            validate_password(password)
    validate_password("Đà Nẵng mùa mưa 2026")


def test_demo_accounts_in_settings_are_the_apps_demo_accounts():
    from home import demo_content
    from reports import demo as reports_demo
    from services import demo as services_demo

    names = {username for username, *_ in demo_content.USERS}
    names |= {services_demo.OFFICER_USERNAME, reports_demo.OFFICER_USERNAME}
    assert names == set(settings.PORTAL_DEMO_USERNAMES)
    assert {demo_content.DEMO_PASSWORD, services_demo.OFFICER_PASSWORD, reports_demo.OFFICER_PASSWORD} == {
        settings.PORTAL_DEMO_PASSWORD
    }


# Throttling ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_wrong_passwords_lock_the_account_for_the_cool_off_only(client, staff):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, password="sai-mat-khau-roi").status_code == 200
    assert _login(client, password="sai-mat-khau-roi").status_code == 429
    # Locked: even the right password, and even from another address (per account).
    response = _login(client, address="10.0.0.2")
    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # After the cool-off the administrator signs in again.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=16))
    response = _login(client, address="10.0.0.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


@pytest.mark.django_db
def test_one_client_guessing_many_accounts_is_locked_per_address(client, staff):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, username=f"doan{number}", password="sai-mat-khau-roi", address="10.0.0.9")
    assert _login(client, address="10.0.0.9").status_code == 429
    assert _login(client, address="10.0.0.10").status_code == 302


def test_axes_uses_the_project_client_address(rf):
    assert settings.AXES_CLIENT_IP_CALLABLE == "cms.security.client_address"
    assert security.client_address(rf.get("/", REMOTE_ADDR="203.0.113.7")) == "203.0.113.7"


# Second factor -------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(PORTAL_REQUIRE_2FA=True)
def test_first_sign_in_enrols_with_a_qr_code_then_every_sign_in_asks_for_a_code(client, staff):
    assert _login(client).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/2fa/setup/")
    page = client.get(response.url)
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html.split("twofactor-qr")[1].split("</figure>")[0]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert client.get("/admin/images/").status_code == 302  # nothing else until enrolled
    assert "Mã không đúng" in client.post("/admin/2fa/setup/", {"token": "000000"}).content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    response = client.post("/admin/2fa/setup/", {"token": _code(device), "next": "/admin/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200

    client.logout()
    assert _login(client).status_code == 302
    response = client.get("/admin/images/")
    assert response.status_code == 302 and response.url.startswith("/admin/2fa/verify/")
    response = client.post("/admin/2fa/verify/", {"token": codes[0], "next": "/admin/images/"})
    assert response.status_code == 302 and response.url == "/admin/images/"
    assert client.get("/admin/images/").status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()

    client.logout()  # a recovery code works once
    _login(client)
    response = client.post("/admin/2fa/verify/", {"token": codes[0]})
    assert response.status_code == 200 and "Mã không đúng" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
@override_settings(PORTAL_REQUIRE_2FA=True)
def test_verify_refuses_an_outside_next_address(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    _login(client)
    response = client.post("/admin/2fa/verify/", {"token": _code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.django_db
@override_settings(PORTAL_REQUIRE_2FA=False)
def test_without_the_requirement_the_password_is_enough(client, staff):
    _login(client)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_otp_reset_removes_the_devices(staff, capsys):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    call_command("otp_reset", "quantri")
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert "quantri" in capsys.readouterr().out


def test_two_factor_is_required_in_production_and_off_in_dev():
    for module, expected in (("production", "True"), ("dev", "False")):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": f"cms.settings.{module}", "SECRET_KEY": "x" * 60}
        env.pop("PORTAL_REQUIRE_2FA", None)
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django;django.setup();from django.conf import settings as s;print(s.PORTAL_REQUIRE_2FA)",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out.strip() == expected


# Sessions and addresses ----------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_sessions_expire_after_30_idle_minutes(client, staff):
    _login(client)
    client.get("/admin/")
    assert client.session.get_expiry_age() == 30 * 60
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60


@pytest.mark.django_db
def test_django_admin_is_gone(client, staff):
    client.force_login(staff)
    assert client.get("/django-admin/").status_code == 404


# Demo accounts -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_production_refuses_demo_accounts(staff):
    assert security.check_demo_accounts() == []
    security.refuse_demo_accounts()
    get_user_model().objects.create_user("bientap", password="x")
    assert [error.id for error in security.check_demo_accounts()] == ["cms.E001"]
    with pytest.raises(ImproperlyConfigured, match="bientap"):
        security.refuse_demo_accounts()
    with override_settings(PORTAL_ALLOW_DEMO_ACCOUNTS=True):
        assert security.check_demo_accounts() == []


@pytest.mark.django_db
def test_production_refuses_the_demo_password(staff):
    staff.set_password(settings.PORTAL_DEMO_PASSWORD)
    staff.save()
    errors = security.check_demo_accounts()
    assert len(errors) == 1 and "quantri" in errors[0].msg
    with pytest.raises(ImproperlyConfigured):
        security.refuse_demo_accounts()


def _production_env(tmp_path, **extra) -> dict:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it.
    unset = {"REDIS_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="portal.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    )
    return env


DEPLOY_CHECK = """
import django
django.setup()
from django.core.management import call_command
from django.core.management.base import SystemCheckError
try:
    call_command("check", deploy=True, fail_level="WARNING")
except SystemCheckError as exc:
    print(exc)
    raise SystemExit(1)
print("no issues")
"""


def test_check_deploy_has_no_warnings_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", DEPLOY_CHECK], env=_production_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_production_wsgi_refuses_to_start_with_demo_accounts(tmp_path):
    env = _production_env(tmp_path)
    setup = (
        "import django;django.setup();from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);from django.contrib.auth import get_user_model;"
        "get_user_model().objects.create_user('canbo_tinbao', password='x')"
    )
    subprocess.run([sys.executable, "-c", setup], env=env, check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-c", "import cms.wsgi"], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "canbo_tinbao" in result.stderr
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "cms.E001" in result.stderr


# Headers -------------------------------------------------------------------------------------


def _policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
def test_public_pages_carry_a_strict_policy(client, home):
    response = client.get("/")
    policy = _policy(response)
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["script-src"] == ["'self'"]  # a nonce only where a page has an inline script
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_without_the_nonce():
    """Inline scripts need `nonce="{{ request.csp_nonce }}"` (script-src has no 'unsafe-inline');
    event-handler attributes (onclick=…) and javascript: links cannot carry one at all."""
    from pathlib import Path

    root = Path(settings.BASE_DIR)
    problems = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for attrs in re.findall(r"<script\b([^>]*)>", text):
            if "src=" not in attrs and "application/" not in attrs and "request.csp_nonce" not in attrs:
                problems.append(f"{template.relative_to(root)}: <script{attrs}>")
        problems += [f"{template.relative_to(root)}: {m}" for m in re.findall(r"\son[a-z]+=\"[^\"]*\"", text)]
        problems += [f"{template.relative_to(root)}: javascript:" for _ in re.findall(r"javascript:", text)]
    assert problems == []


@pytest.mark.django_db
def test_only_the_admin_preview_may_be_framed_by_the_admin(client, staff, news_index):
    from tests.utils import make_article

    article = make_article(news_index)
    client.force_login(staff)
    editor = client.get(f"/admin/pages/{article.id}/edit/")
    assert _policy(editor)["frame-ancestors"] == ["'none'"]
    preview = client.get(f"/admin/pages/{article.id}/edit/preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert _policy(preview)["frame-ancestors"] == ["'self'"]
