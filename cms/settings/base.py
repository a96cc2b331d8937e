"""Settings shared by every environment; everything variable is read from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Origins whose pages may call the JSON API from a browser (cms/api_middleware.py); none by default.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "")
# Links to other sites carry no referrer. Never "no-referrer": browsers then send `Origin: null`
# with every form post and the CSRF check refuses them.
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "cms.views.csrf_failure"
PORT = int(os.environ.get("PORT", "8000"))

INSTALLED_APPS = [
    "cms",
    "home",
    "news",
    "services",
    "reports",
    "publications",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",  # API docs (Swagger UI, ReDoc) from its own static files, no CDN
    # Staff sign-in: TOTP second factor with recovery codes (cms/twofactor.py), login throttling.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.addresses.AddressMiddleware",  # the request's address for e-mails it queues
    "csp.middleware.CSPMiddleware",
    "cms.security.SecurityHeadersMiddleware",  # after CSPMiddleware: its response hook runs first
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "cms.compression.CompressionMiddleware",  # brotli/gzip of what the app serves (BREACH: see module)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms.querylimits.QueryLimitsMiddleware",  # bounded page numbers, months, years, search words
    "cms.api_middleware.ApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.twofactor.RequireTwoFactorMiddleware",
    "cms.security.StaffSessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: DATABASE_URL, or the embedded SQLite file in the repository folder.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent form posts on stock SQLite settings fail with "database is locked".
    # WAL lets readers proceed during a write; IMMEDIATE takes the write lock at BEGIN so
    # writers queue on the busy timeout instead of failing when they upgrade a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=30000;PRAGMA foreign_keys=ON;"
        ),
    }

# Read replica (deploy/README.md): read-only queries outside transactions go to DATABASE_REPLICA_URL.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0"))
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cms.db_router.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign-in (README "Bảo mật"). Throttling: 5 wrong passwords lock that account, and
# separately that client address, for 15 minutes (never for good, so nobody can lock the
# administrators out permanently); the address is the one the project computes.
AUTHENTICATION_BACKENDS = ["cms.security.LoginThrottleBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.security.client_address"
AXES_LOCKOUT_CALLABLE = "cms.security.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Second factor (TOTP app + recovery codes) for every admin account; dev settings turn it off.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Cổng TTĐT Công an Thành phố"
OTP_TOTP_THROTTLE_FACTOR = 1  # wrong codes double the wait: 1, 2, 4… seconds
# Staff are signed out after 30 minutes without an admin request (cms.security).
PORTAL_STAFF_SESSION_IDLE = int(os.environ.get("PORTAL_STAFF_SESSION_IDLE", str(30 * 60)))
# The accounts and password of the demo content (home, services, reports demo loaders; a test
# keeps these in step). Production refuses to start while one is present (cms.security).
PORTAL_DEMO_USERNAMES = ["admin", "bientap", "duyetbai", "canbo_hoso", "canbo_tinbao"]
PORTAL_DEMO_PASSWORD = "CongAn@2026"
PORTAL_ALLOW_DEMO_ACCOUNTS = env_bool("PORTAL_ALLOW_DEMO_ACCOUNTS", False)

# Headers. Scripts only from this site or with the response's nonce; styles also inline
# (Wagtail's admin sets style attributes in its markup); nothing may frame the site except the
# admin's own preview (cms.security.SecurityHeadersMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, "https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PORTAL_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cache: Redis when REDIS_URL is set, otherwise memory of this process. Redis is a soft
# dependency: while it is down the cache answers from process memory (cms/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),  # one per site sharing a Redis
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_I18N_ENABLED = False
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# The project's Vietnamese catalogue (cms/translations.py) completes Wagtail's and Django's.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Citizens' files (dossier attachments, tip evidence) never live under MEDIA_ROOT: they sit
# beside it and are served only through views that check who is asking
# (cms.storage.private_file_response).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Public uploads (images, documents) on S3-compatible storage when a bucket is named, so app
# servers keep nothing on their own disks (deploy/README.md). Citizens' files stay in
# PRIVATE_MEDIA_ROOT. Credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None  # MinIO, Ceph, a provider's
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None  # e.g. media.congan.example.vn
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)  # public media: plain links
    AWS_S3_FILE_OVERWRITE = False
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Cổng TTĐT Công an Thành phố <no-reply@congan.example.vn>")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django_tasks logs every task queued, started and finished at INFO: one line per page
    # indexed or e-mail sent drowns `make run` and `make prod`; failures are WARNING and above.
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "django_tasks_db": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
    },
}

# The portal's own address for absolute links (sitemap, feeds, canonical links, e-mails), e.g.
# https://congan.example.vn; empty: the request's host when allowed (cms/addresses.py).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").rstrip("/")
# Anonymous public pages: seconds browsers (max-age) and the shared cache (s-maxage) keep them;
# 0 for the shared cache sends no Cache-Control (cms/cache_headers.py, on in production).
PORTAL_CACHE_MAX_AGE = int(os.environ.get("PORTAL_CACHE_MAX_AGE", "60"))
PORTAL_CACHE_S_MAXAGE = int(os.environ.get("PORTAL_CACHE_S_MAXAGE", "600"))
# Varnish (or any cache that takes HTTP PURGE) in front of the portal: Wagtail purges a page
# when it is published or unpublished; home/signals.py purges everything on other changes.
WAGTAILFRONTENDCACHE_URL = os.environ.get("WAGTAILFRONTENDCACHE_URL", "")
if WAGTAILFRONTENDCACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": WAGTAILFRONTENDCACHE_URL,
        }
    }

# Wagtail
WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Công an Thành phố"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{PORT}")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Nothing leaves the building: no avatars from gravatar.com in the admin (initials instead).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the dashboard would ask releases.wagtail.org
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Search: "database" (embedded SQLite / PostgreSQL full-text) or "elasticsearch".
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "") or (
    "http://127.0.0.1:9200" if SEARCH_BACKEND == "elasticsearch" else ""  # the node of `make search-engine`
)
# The engine's client library: "opensearch" (opensearch-py) or "elasticsearch" (elasticsearch-py 8).
SEARCH_ENGINE_CLIENT = os.environ.get("SEARCH_ENGINE_CLIENT", "opensearch")
# Title highlights cut by the engine instead of `search.snippets` (same marks, slower).
SEARCH_ENGINE_HIGHLIGHT = os.environ.get("SEARCH_ENGINE_HIGHLIGHT", "0") == "1"
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Citizens' submissions (services and reports).
# "off" disables per-client limits (load tests); otherwise "count/seconds".
PORTAL_RATE_LIMITS = os.environ.get("PORTAL_RATE_LIMITS", "10/600")
PORTAL_RATE_LIMIT_SALT = os.environ.get("PORTAL_RATE_LIMIT_SALT", "")
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed when they are
# the connecting address; rate limits, throttles and logs use cms.ratelimit.client_address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
PORTAL_UPLOAD_MAX_FILE = int(os.environ.get("PORTAL_UPLOAD_MAX_FILE", str(10 * 1024 * 1024)))
PORTAL_UPLOAD_MAX_TOTAL = int(os.environ.get("PORTAL_UPLOAD_MAX_TOTAL", str(30 * 1024 * 1024)))
# Images are refused above this many pixels, judged from their header before decoding.
PORTAL_UPLOAD_MAX_PIXELS = int(os.environ.get("PORTAL_UPLOAD_MAX_PIXELS", "40000000"))
# Thời hạn lưu trữ: `manage.py purge` (chạy hằng ngày, xem README "Thời hạn lưu trữ") xoá những
# gì đã quá hạn; chạy không có --yes để xem trước số lượng.
# Hồ sơ dịch vụ công đã kết thúc (đã xử lý xong, đã trả kết quả, dừng xử lý) cùng tệp thành phần,
# giấy tờ bổ sung, tệp kết quả và nhật ký hồ sơ: xoá sau số ngày này kể từ khi kết thúc. Mặc định
# 5 năm (1825 ngày) — mức thường áp dụng cho hồ sơ thủ tục hành chính; chỉnh theo danh mục thời
# hạn lưu trữ mà đơn vị được giao.
SERVICES_RETENTION_DAYS = int(os.environ.get("SERVICES_RETENTION_DAYS", "1825"))
# Phản ánh, tố giác đã giải quyết xong cùng thông tin người phản ánh, trao đổi và tệp chứng cứ: xoá
# sau số ngày này kể từ khi kết thúc (mặc định 5 năm). Nhật ký xử lý được giữ lại, chỉ còn mã.
REPORTS_RETENTION_DAYS = int(os.environ.get("REPORTS_RETENTION_DAYS", "1825"))
# Thời hạn xử lý một phản ánh còn mở, tính bằng ngày làm việc (thứ Hai–thứ Sáu) từ khi tiếp nhận:
# bảng tin và hàng đợi của cán bộ dùng nó để báo "đến hạn" và "quá hạn".
REPORTS_DUE_WORKING_DAYS = int(os.environ.get("REPORTS_DUE_WORKING_DAYS", "10"))
# Hồ sơ "Không được tiếp nhận" và phản ánh kết luận "Không đủ cơ sở" (gửi nhầm, tin rác), cùng tệp:
# giữ ngắn hơn. Mặc định 1 năm — đủ dài so với thời hạn khiếu nại (90 ngày) và để đối chiếu khi
# người gửi hỏi lại.
REJECTED_RETENTION_DAYS = int(os.environ.get("REJECTED_RETENTION_DAYS", "365"))
# Biên nhận chống gửi trùng (nhận ra một biểu mẫu bị bấm gửi hai lần): chỉ cần trong vài phút người
# dân có thể gửi lại; mặc định 30 phút.
RECEIPTS_RETENTION_MINUTES = int(os.environ.get("RECEIPTS_RETENTION_MINUTES", "30"))
# Tệp tạm (.part-…) của lần gửi không hoàn tất (giao dịch bị huỷ, máy chủ dừng giữa chừng): xoá
# sau số phút này; một lần gửi đang chạy không bao giờ kéo dài như vậy.
UPLOAD_PARTS_RETENTION_MINUTES = int(os.environ.get("UPLOAD_PARTS_RETENTION_MINUTES", "60"))
# Phiên đăng nhập đã hết hạn được xoá khỏi cơ sở dữ liệu (như `manage.py clearsessions`); độ dài
# một phiên là SESSION_COOKIE_AGE giây (mặc định của Django: 2 tuần).
# Online services: office hours used for the 8-working-hour receipt deadline (Decree 45/2020).
SERVICES_OFFICE_HOURS = os.environ.get("SERVICES_OFFICE_HOURS", "08:00-12:00,13:00-17:00")
