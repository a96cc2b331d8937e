from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import webapp
from cms.api import api, api_redoc, api_unversioned

handler500 = "cms.errors.server_error"

urlpatterns = [
    # No /django-admin/: Wagtail's admin is the only sign-in page (with its second factor).
    path("admin/2fa/", include("cms.twofactor")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/redoc", api_redoc, name="api-redoc"),
    path("api/v1/", api.urls),
    re_path(r"^api/(?!v1/)(?P<rest>.*)$", api_unversioned, name="api-unversioned"),
    path("", include("cms.sitemaps")),
    path("favicon.ico", webapp.favicon, name="favicon"),
    path("manifest.webmanifest", webapp.manifest, name="webmanifest"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("", include("search.urls")),
    path("", include("services.urls")),
    path("", include("reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
