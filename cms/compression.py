"""Compressed responses when the app itself serves them (gunicorn without a compressing proxy):
brotli when the client accepts it, else gzip; text, JSON, JavaScript, XML feeds and SVG only.

Static files are compressed ahead of time by whitenoise (`.br` and `.gz` from collectstatic) and
arrive here with their Content-Encoding set, so they are left alone.

BREACH: a compressed response that reflects a visitor's input next to a secret leaks the secret
to an attacker who can watch sizes and send many requests. Django masks the CSRF token afresh in
every response, so the token never repeats. Pages marked private or no-store (the tip form, the
receipts with a code and PIN, tracking pages, the admin) carry the rest of what is secret: they
get gzip only, with the random padding of Django's GZipMiddleware ("Heal the BREACH"), never
brotli, which has no such padding.
"""

from __future__ import annotations

import re

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

MIN_SIZE = 200
COMPRESSIBLE = re.compile(
    r"^(text/|application/(json|[\w.+-]+\+json|javascript|ecmascript|xml|[\w.+-]+\+xml)|image/svg\+xml)"
)
_ACCEPTS_BROTLI = _lazy_re_compile(r"\bbr\b")
_PRIVATE = _lazy_re_compile(r"\b(private|no-store)\b")


def _compressible(response) -> bool:
    return bool(COMPRESSIBLE.match(response.get("Content-Type", "").lower()))


class CompressionMiddleware(GZipMiddleware):
    """GZipMiddleware with brotli for public responses and a content-type allow list."""

    brotli_quality = 5  # per response, on a loaded server: close to the best size, fast

    def process_response(self, request, response):
        if response.has_header("Content-Encoding") or not _compressible(response):
            return response
        accepts = request.META.get("HTTP_ACCEPT_ENCODING", "")
        if (
            response.streaming
            or not _ACCEPTS_BROTLI.search(accepts)
            or _PRIVATE.search(response.get("Cache-Control", ""))
            or len(response.content) < MIN_SIZE
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=self.brotli_quality, mode=brotli.MODE_TEXT)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "br"
        return response
