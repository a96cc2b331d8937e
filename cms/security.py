"""Staff-side security shared by every app: the client address used for login throttling, the
admin's idle timeout, the headers Django has no setting for, and the refusal to serve
production with demo accounts.

Imports no app: the demo accounts are named in settings (PORTAL_DEMO_USERNAMES,
PORTAL_DEMO_PASSWORD), and a test keeps those in step with the apps' demo loaders.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from django.db.models import Q

ADMIN_PREFIX = "/admin/"


def client_address(request) -> str:
    """The client address as the project computes it (behind TRUSTED_PROXIES when
    `cms.ratelimit.client_address` exists), for django-axes (AXES_CLIENT_IP_CALLABLE)."""
    from cms import ratelimit

    project_address = getattr(ratelimit, "client_address", None)
    if project_address is not None:
        return project_address(request)
    return request.META.get("REMOTE_ADDR", "")


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend, except for `authenticate()` calls that carry no request.

    Every web login passes its request (Wagtail's and Django's login forms do); the calls
    without one come from code (`Client.login` in tests, a shell), where there is no client to
    throttle and axes would otherwise refuse with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id):
        """The session's user, as ModelBackend finds it (active accounts only).

        This backend is first in AUTHENTICATION_BACKENDS, so a session can name it:
        `Client.force_login(user, settings.AUTHENTICATION_BACKENDS[0])`, which Wagtail's
        WagtailPageTestCase (assertPageIsRenderable/Previewable) does. Without `get_user` such a
        session made every request a 500 (AttributeError in django.contrib.auth.get_user).
        """
        return ModelBackend().get_user(user_id)


class StaffSessionTimeoutMiddleware:
    """Signs staff out after PORTAL_STAFF_SESSION_IDLE seconds without an admin request.

    Every authenticated request under /admin/ moves the session's expiry forward, so the
    limit counts idle time; the public site's sessions keep Django's SESSION_COOKIE_AGE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # After the view: the login view itself sets "until the browser closes" or two weeks.
        user = getattr(request, "user", None)
        if request.path_info.startswith(ADMIN_PREFIX) and user is not None and user.is_authenticated:
            request.session.set_expiry(settings.PORTAL_STAFF_SESSION_IDLE)
        return response


class SecurityHeadersMiddleware:
    """Headers Django has no setting for.

    Cross-Origin-Resource-Policy on every response; and the one exception to
    `frame-ancestors 'none'`: responses Wagtail marks `X-Frame-Options: SAMEORIGIN` (the page
    editor's preview) may be framed by the admin itself. Placed after django-csp's middleware
    so that its response hook runs first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.PORTAL_CROSS_ORIGIN_RESOURCE_POLICY)
        if response.headers.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response


def _admin_users(user_model):
    return user_model.objects.filter(is_active=True).filter(
        Q(is_superuser=True) | Q(is_staff=True) | Q(groups__isnull=False)
    )


def demo_account_problems(*, passwords_of: str = "admins") -> list[str]:
    """What is left of the demo content's accounts: demo usernames, and accounts (superusers
    only with passwords_of="superusers") whose password is still the demo password.

    An empty list when the user table does not exist yet (before the first migrate).
    """
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    problems = []
    try:
        names = sorted(
            user_model.objects.filter(username__in=settings.PORTAL_DEMO_USERNAMES).values_list("username", flat=True)
        )
        problems += [f"tài khoản mẫu “{name}”" for name in names]
        candidates = (
            user_model.objects.filter(is_active=True, is_superuser=True)
            if passwords_of == "superusers"
            else _admin_users(user_model)
        )
        for user in candidates.distinct().exclude(username__in=names):
            if settings.PORTAL_DEMO_PASSWORD and user.check_password(settings.PORTAL_DEMO_PASSWORD):
                problems.append(f"tài khoản “{user.get_username()}” dùng mật khẩu mẫu")
    except DatabaseError:
        return []
    return problems


def demo_accounts_allowed() -> bool:
    return settings.DEBUG or settings.PORTAL_ALLOW_DEMO_ACCOUNTS


@checks.register(checks.Tags.security, deploy=True)
def check_demo_accounts(app_configs=None, **kwargs):
    """`manage.py check --deploy`: an Error while a demo account or the demo password remains."""
    if demo_accounts_allowed():
        return []
    return [
        checks.Error(
            f"Còn {problem} của dữ liệu mẫu (load_initial_data).",
            hint="Xoá hoặc đổi tên tài khoản, đặt mật khẩu mới; dữ liệu mẫu chỉ dùng khi phát triển.",
            id="cms.E001",
        )
        for problem in demo_account_problems()
    ]


def refuse_demo_accounts() -> None:
    """Called by cms/wsgi.py when the server starts: production does not serve while a demo
    account (or a superuser with the demo password) exists."""
    if demo_accounts_allowed():
        return
    problems = demo_account_problems(passwords_of="superusers")
    if problems:
        raise ImproperlyConfigured(
            "Không khởi động: còn "
            + "; ".join(problems)
            + ". Xoá các tài khoản mẫu (xem README, mục Bảo mật) rồi khởi động lại."
        )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): a page in the admin's
    style saying when to try again, status 429."""
    from django.shortcuts import render

    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "cms/twofactor/lockout.html", {"cooloff_minutes": minutes}, status=429)
