"""Production: hardens base.py; every value still comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# Hashed names always; gzip/brotli copies made once by collectstatic (several minutes) unless
# STATIC_PRECOMPRESS=0, for a web server that compresses on the fly (make prod's nginx).
STORAGES["staticfiles"]["BACKEND"] = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env_bool("STATIC_PRECOMPRESS", True)
    else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Where the HTTPS redirect goes when not to the same host (e.g. "congan.example.vn").
SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST") or None
# SECURE_COOKIES=0 only for a stack served over plain http on 127.0.0.1 (make prod).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
PORTAL_REQUIRE_2FA = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not PORTAL_RATE_LIMIT_SALT:
    PORTAL_RATE_LIMIT_SALT = SECRET_KEY
# Citizens' tips: the web server's access log must not record /phan-anh-to-giac/, /api/reports
# and /api/stats/reports (client IPs); see README "Báo cáo phản ánh – quyền riêng tư" (nginx
# `access_log off` per location, or a gunicorn access-log filter).

# One JSON line per request (cms.access_log) and structured log records; anonymous public pages
# marked shareable for the cache in front (cms.cache_headers).
MIDDLEWARE = ["cms.access_log.AccessLogMiddleware", "cms.cache_headers.SharedCacheMiddleware", *MIDDLEWARE]
LOGGING["formatters"] = {"json": {"()": "cms.access_log.JsonFormatter"}}
LOGGING["handlers"]["console"]["formatter"] = "json"
