"""Production: hardens base.py; every value still comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not PORTAL_RATE_LIMIT_SALT:
    PORTAL_RATE_LIMIT_SALT = SECRET_KEY
# Citizens' tips: the web server's access log must not record /phan-anh-to-giac/, /api/reports
# and /api/stats/reports (client IPs); see README "Báo cáo phản ánh – quyền riêng tư" (nginx
# `access_log off` per location, or a gunicorn access-log filter).
