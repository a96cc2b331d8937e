"""The portal as an installable web app: /favicon.ico (asked for by every browser and crawler,
whatever the page says) and the web app manifest with the portal's colours and icons."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOR = "#7a0c0c"
BACKGROUND_COLOR = "#ffffff"


@require_GET
@cache_control(public=True, max_age=86400)
def favicon(request):
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


@require_GET
@cache_control(public=True, max_age=86400)
def manifest(request):
    data = {
        "name": "Cổng thông tin điện tử Công an Thành phố",
        "short_name": "Công an TP",
        "description": "Tin tức an ninh trật tự, dịch vụ công trực tuyến, phản ánh và tố giác tội phạm.",
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response
