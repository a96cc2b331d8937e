#!/usr/bin/env bash
# Lighthouse 12 (mobile: Moto G Power emulation, simulated slow 4G) on every public page type of
# the demo portal, served as in production: gunicorn with cms.settings.production behind a small
# proxy that serves /media/ from MEDIA_ROOT (as nginx or Caddy would) and passes the rest on.
# Prints performance, accessibility, best practices and SEO per page (target >= 95 everywhere,
# SEO excepted on noindex pages) and the home page's transfer size. Reports (JSON) stay in
# bench/out/lighthouse/. Needs `npm ci` (node_modules/.bin/lighthouse) and Debian's chromium.
#   bench/lighthouse.sh                  # all page types
#   bench/lighthouse.sh / /tin-tuc/      # only these paths
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=bench/out/lighthouse
LIGHTHOUSE=node_modules/.bin/lighthouse
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
[ -x "$LIGHTHOUSE" ] || { echo "npm ci first (node_modules/.bin/lighthouse)" >&2; exit 2; }
[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH (apt-get install chromium)" >&2; exit 2; }
mkdir -p "$OUT"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
APP_PORT=$(free_port)
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

export DJANGO_SETTINGS_MODULE=cms.settings.production DEBUG=0
export SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1 CSRF_TRUSTED_ORIGINS="$BASE" SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
export DATABASE_URL="sqlite:///$PWD/$OUT/db.sqlite3" STATIC_ROOT="$PWD/$OUT/static"
export MEDIA_ROOT="$PWD/$OUT/media" PRIVATE_MEDIA_ROOT="$PWD/$OUT/private" LOG_LEVEL=WARNING
export PORTAL_ALLOW_DEMO_ACCOUNTS=1  # a throw-away demo database on loopback only
unset REDIS_URL

rm -f "$OUT"/db.sqlite3*
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_initial_data >/dev/null
# collectstatic compresses every file (minutes): redone only when a static file changed.
if [ ! -f "$OUT/static/staticfiles.json" ] || [ -n "$(find cms home news services reports search -path '*/static/*' -type f -newer "$OUT/static/staticfiles.json" | head -1)" ]; then
  "$PY" manage.py collectstatic --noinput -v0
fi

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
.venv/bin/gunicorn cms.wsgi:application --bind "127.0.0.1:$APP_PORT" --workers 2 >"$OUT/gunicorn.log" 2>&1 &
PIDS+=($!)
"$PY" - "$PORT" "$APP_PORT" "$MEDIA_ROOT" >"$OUT/proxy.log" 2>&1 <<'PROXY' &
"""The reverse proxy's part: /media/ from disk, everything else from gunicorn, bytes untouched."""
import http.client, mimetypes, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

port, app_port, media = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]).resolve()
HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade"}

class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _media(self):
        path = (media / self.path.split("?")[0][len("/media/"):]).resolve()
        if media not in path.parents or not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        self.end_headers()
        self.wfile.write(body)

    def _forward(self):
        if self.path.startswith("/media/"):
            return self._media()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection("127.0.0.1", app_port, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        self.send_response(response.status, response.reason)
        for key, value in response.getheaders():
            if key.lower() not in HOP | {"content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", port), Proxy).serve_forever()
PROXY
PIDS+=($!)
for _ in $(seq 120); do curl -s -o /dev/null "$BASE/" && break; sleep 1; done

if [ $# -gt 0 ]; then
  PAGES=("$@")
else
  mapfile -t PAGES < <("$PY" manage.py shell -v0 -c '
from home.models import LegalDocumentPage
from news.models import NewsPage
from services.models import ProcedurePage
procedure = ProcedurePage.objects.live().filter(method_online=True).first()
print("/"); print(NewsPage.objects.live().filter(featured_image__isnull=False).first().url)
print("/tin-tuc/"); print("/gioi-thieu/"); print("/van-ban-phap-luat/")
print(LegalDocumentPage.objects.live().first().url)
print("/dich-vu-cong/"); print(procedure.url); print(procedure.url + "nop-ho-so/")
print("/phan-anh-to-giac/"); print("/tra-cuu-ho-so/"); print("/phan-anh-to-giac/theo-doi/")
print("/tim-kiem/?q=l%E1%BB%ABa+%C4%91%E1%BA%A3o")')
fi

: >"$OUT/reports.txt"
for path in "${PAGES[@]}"; do
  name=$(echo "$path" | tr -c 'a-zA-Z0-9\n' '_' | sed 's/^_*$/home/')
  "$LIGHTHOUSE" "$BASE$path" --quiet --output=json --output-path="$OUT/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" \
    || { echo "lighthouse failed on $path" >&2; continue; }
  echo "$path $OUT/$name.json" >>"$OUT/reports.txt"
done

node - "$OUT/reports.txt" <<'SUMMARY'
const fs = require("fs");
const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").filter(Boolean).map((l) => l.split(" "));
const pct = (c) => (c && c.score !== null ? String(Math.round(c.score * 100)) : "–");
console.log("| page | perf | a11y | best practices | SEO | CLS | LCP (s) | transfer (KB) | noindex |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
let home = null;
for (const [path, file] of rows) {
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  const c = r.categories, a = r.audits;
  const noindex = a["is-crawlable"] && a["is-crawlable"].score === 0 ? "yes" : "";
  const kb = (a["total-byte-weight"].numericValue / 1024).toFixed(0);
  console.log(`| ${path} | ${pct(c.performance)} | ${pct(c.accessibility)} | ${pct(c["best-practices"])} | ${pct(c.seo)} | ${a["cumulative-layout-shift"].numericValue.toFixed(3)} | ${(a["largest-contentful-paint"].numericValue / 1000).toFixed(1)} | ${kb} | ${noindex} |`);
  if (path === "/") home = a;
}
if (home) {
  const doc = (home["network-requests"].details.items || [])[0] || {};
  console.log(`\nHome page: ${(home["total-byte-weight"].numericValue / 1024).toFixed(1)} KB transferred in all, the HTML document ${((doc.transferSize || 0) / 1024).toFixed(1)} KB (${((doc.resourceSize || 0) / 1024).toFixed(1)} KB uncompressed).`);
}
SUMMARY
