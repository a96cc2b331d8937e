"""Test settings: fast hashing, in-memory mail, files under a temporary folder."""

import tempfile
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_TMP = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
PORTAL_RATE_LIMIT_SALT = "test-salt"
# Tests never touch a shared Redis, whatever REDIS_URL says: `cache.clear()` in a test must not
# flush a real server. Tests of the Redis backend build their own cache objects.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal-test"}}
# Two-factor sign-in is tested with override_settings(PORTAL_REQUIRE_2FA=True); the other
# admin tests sign in with force_login.
PORTAL_REQUIRE_2FA = False
