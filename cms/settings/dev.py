"""Local development: `make run`."""

import os

from .base import *

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS + ["*"] if DEBUG else ALLOWED_HOSTS
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# `make run`: the demo accounts sign in with their password only (the banner says so); the
# policy is reported in the browser console, not enforced, so Django's debug pages work.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", False)
PORTAL_ALLOW_DEMO_ACCOUNTS = True
CONTENT_SECURITY_POLICY_REPORT_ONLY = CONTENT_SECURITY_POLICY
CONTENT_SECURITY_POLICY = None
