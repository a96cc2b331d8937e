#!/usr/bin/env bash
# Mozilla HTTP Observatory grade of the production stack, on this machine:
# gunicorn with cms.settings.production over HTTPS (a throw-away self-signed certificate for
# 127.0.0.1, trusted by the scanner through NODE_EXTRA_CA_CERTS) plus a plain-HTTP gunicorn that
# redirects to it, as a TLS proxy would. A fresh SQLite database (no demo accounts: production
# refuses them). Prints the grade and score; the full result is in bench/out/observatory.json.
# Needs `npm ci` (node_modules/@mdn/mdn-http-observatory) and openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=bench/out/observatory
mkdir -p "$OUT"
[ -d node_modules/@mdn/mdn-http-observatory ] || { echo "npm ci first (node_modules/@mdn/mdn-http-observatory)" >&2; exit 2; }
# The HSTS preload list is downloaded by the package's install script, which .npmrc skips (no
# network here): an empty list, 127.0.0.1 is on no preload list anyway.
PRELOAD=node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
[ -f "$PRELOAD" ] || echo '{}' >"$PRELOAD"

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$OUT/key.pem" -out "$OUT/cert.pem" 2>/dev/null

export DJANGO_SETTINGS_MODULE=cms.settings.production DEBUG=0
export SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export ALLOWED_HOSTS=127.0.0.1 CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$HTTPS_PORT"
export DATABASE_URL="sqlite:///$PWD/$OUT/db.sqlite3" STATIC_ROOT="$PWD/$OUT/static"
export MEDIA_ROOT="$PWD/$OUT/media" PRIVATE_MEDIA_ROOT="$PWD/$OUT/private" LOG_LEVEL=WARNING
export SECURE_SSL_HOST="127.0.0.1:$HTTPS_PORT"
unset REDIS_URL

rm -f "$OUT"/db.sqlite3*
"$PY" manage.py migrate --noinput -v0
# Once: collectstatic compresses every file (minutes); delete $OUT/static to redo it.
[ -f "$OUT/static/staticfiles.json" ] || "$PY" manage.py collectstatic --noinput -v0

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
.venv/bin/gunicorn cms.wsgi:application --bind "127.0.0.1:$HTTPS_PORT" --workers 1 \
  --certfile "$OUT/cert.pem" --keyfile "$OUT/key.pem" >"$OUT/gunicorn-https.log" 2>&1 &
PIDS+=($!)
.venv/bin/gunicorn cms.wsgi:application --bind "127.0.0.1:$HTTP_PORT" --workers 1 \
  >"$OUT/gunicorn-http.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 60); do
  curl -sk -o /dev/null "https://127.0.0.1:$HTTPS_PORT/" && curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/" && break
  sleep 1
done

NODE_EXTRA_CA_CERTS="$PWD/$OUT/cert.pem" node bench/observatory.mjs 127.0.0.1 "$HTTP_PORT" "$HTTPS_PORT" \
  >bench/out/observatory.json
node -e '
const r = require("./bench/out/observatory.json");
for (const [name, t] of Object.entries(r.tests)) console.log(`${t.pass ? "pass" : "FAIL"} ${String(t.scoreModifier).padStart(4)}  ${name}: ${t.result}`);
console.log(`Observatory grade: ${r.grade} (score ${r.score}) for ${r.url}`);
'
