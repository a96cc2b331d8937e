"""Two-factor sign-in to the Wagtail admin: a TOTP device (an authenticator app) for every staff
account, with one-time recovery codes, on top of the password.

Wagtail's own login form checks the password; then, while PORTAL_REQUIRE_2FA is on, every
admin address answers with this module's verify step (or the enrolment step for an account
without a device) until the session is OTP-verified (django-otp's OTPMiddleware).
"""

from __future__ import annotations

import base64
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.security import ADMIN_PREFIX

RECOVERY_CODES = 10
DEVICE_NAME = "Ứng dụng xác thực"

app_name = "twofactor"


def required_for(request) -> bool:
    """Whether this admin request must wait for the second factor."""
    user = getattr(request, "user", None)
    if not settings.PORTAL_REQUIRE_2FA or user is None or not user.is_authenticated:
        return False
    return not (hasattr(user, "is_verified") and user.is_verified())


class RequireTwoFactorMiddleware:
    """Sends a password-authenticated but not yet OTP-verified session under /admin/ to the
    verify step, or to enrolment when the account has no device. Login, logout and password
    reset stay reachable. Goes after django_otp.middleware.OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path_info = request.path_info
        if path_info.startswith(ADMIN_PREFIX) and required_for(request) and not _exempt(path_info):
            step = "twofactor:verify" if user_has_device(request.user, confirmed=True) else "twofactor:setup"
            return redirect(f"{reverse(step)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


def _exempt(path_info: str) -> bool:
    exempt = (
        ADMIN_PREFIX + "2fa/",
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        ADMIN_PREFIX + "password_reset/",
        ADMIN_PREFIX + "jsi18n/",
    )
    return path_info.startswith(exempt)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực"),
        max_length=16,
        help_text=_("6 chữ số trong ứng dụng xác thực, hoặc một mã khôi phục."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).replace("-", "").lower()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def qr_svg(data: str) -> str:
    """The QR code of `data` as inline SVG markup: the secret never leaves the server."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def recovery_codes_create(user) -> list[str]:
    """A new set of one-time recovery codes (django-otp static tokens); old codes stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="Mã khôi phục", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def devices_reset(user) -> int:
    """Removes every second-factor device of `user` (a lost phone): the next sign-in enrols anew."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: a QR code for the authenticator app, confirmed by its first code."""
    if user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('twofactor:verify')}?next={quote(_next_url(request))}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            codes = recovery_codes_create(request.user)
            return render(request, "cms/twofactor/codes.html", {"codes": codes, "next": _next_url(request)})
        form.add_error("token", _("Mã không đúng. Kiểm tra giờ trên điện thoại rồi nhập mã mới."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "cms/twofactor/setup.html",
        {
            "form": form,
            "qr": mark_safe(qr_svg(device.config_url)),  # noqa: S308 - our own SVG, no user text
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of every sign-in: a code from the app, or a recovery code."""
    if not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('twofactor:setup')}?next={quote(_next_url(request))}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("Mã không đúng hoặc đã dùng. Sau nhiều lần sai, hãy chờ một lúc rồi thử lại."))
    return render(request, "cms/twofactor/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def codes(request):
    """New recovery codes, for a verified session (the old ones stop working)."""
    if required_for(request) or not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('twofactor:verify')}?next={quote(request.get_full_path())}")
    if request.method == "POST":
        return render(
            request,
            "cms/twofactor/codes.html",
            {"codes": recovery_codes_create(request.user), "next": reverse("wagtailadmin_home")},
        )
    return render(request, "cms/twofactor/codes.html", {"codes": None, "next": reverse("wagtailadmin_home")})


urlpatterns = [
    path("setup/", setup, name="setup"),
    path("verify/", verify, name="verify"),
    path("codes/", codes, name="codes"),
]
