#!/usr/bin/env bash
# The production stack on this machine, loopback only (`make prod`, `make prod-stop`):
#
#   browser -> nginx :PROD_HTTP_PORT (static, public media, gzip/brotli, private paths unlogged)
#           -> Varnish :PROD_CACHE_PORT (shared page cache for anonymous visitors, purged by Wagtail)
#           -> gunicorn :PROD_APP_PORT (cms.settings.production, workers sized to the cores)
#   Redis (REDIS_URL) for Django's cache; SQLite file in PROD_DIR unless DATABASE_URL says otherwise.
#
#   bash deploy/prod.sh start    # install nginx/varnish from Debian when missing, migrate, collectstatic, start
#   bash deploy/prod.sh stop     # stop what `start` started (pid files in PROD_DIR)
#   bash deploy/prod.sh env      # print the stack's environment (`. PROD_DIR/env` for manage.py)
#
# Environment: PROD_DIR (deploy/run), PROD_HTTP_PORT (8080), PROD_CACHE_PORT (8081), PROD_APP_PORT
# (8001), PROD_WORKERS (2 x cores + 1, at most 8), PROD_DEMO (1: load the demo content; the stack
# then allows the demo accounts, which is safe only because it listens on 127.0.0.1), PROD_INSTALL
# (1: apt-get install what is missing), DATABASE_URL, REDIS_URL (redis://127.0.0.1:6379/2, started
# by .ci/services.sh when down), PORTAL_BASE_URL (http://127.0.0.1:PROD_HTTP_PORT).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PROD_DIR="${PROD_DIR:-$ROOT/deploy/run}"
PROD_HTTP_PORT="${PROD_HTTP_PORT:-8080}"
PROD_CACHE_PORT="${PROD_CACHE_PORT:-8081}"
PROD_APP_PORT="${PROD_APP_PORT:-8001}"
PROD_DEMO="${PROD_DEMO:-1}"
PROD_INSTALL="${PROD_INSTALL:-1}"
PY="$ROOT/.venv/bin/python"
mkdir -p "$PROD_DIR"
PROD_DIR="$(cd "$PROD_DIR" && pwd)"
# varnishd reads its VCL and works as an unprivileged user (vcache): its files live where that
# user can reach them even when PROD_DIR is private (a test's temporary folder).
VARNISH_DIR="${TMPDIR:-/tmp}/portal-varnish-$(printf %s "$PROD_DIR" | md5sum | cut -c1-12)"

say() { echo "$@"; }

install_missing() {
  local missing=()
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -x /usr/sbin/varnishd ] || missing+=(varnish)
  # Brotli is optional: Debian's module when the distribution has it.
  if [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] \
    && apt-cache show libnginx-mod-http-brotli-filter >/dev/null 2>&1; then
    missing+=(libnginx-mod-http-brotli-filter)
  fi
  [ ${#missing[@]} -eq 0 ] && return
  [ "$PROD_INSTALL" = "1" ] || { echo "missing: ${missing[*]} (PROD_INSTALL=0)" >&2; exit 1; }
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  say "== Installing ${missing[*]} (Debian) =="
  $sudo apt-get update -qq
  # policy-rc.d 101: the packages' own services stay stopped; this script runs its own instances.
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { $sudo rm -f /usr/sbin/policy-rc.d; exit 1; }
  $sudo rm -f /usr/sbin/policy-rc.d
}

redis_answers() { [ "$(redis-cli -u "$1" ping 2>/dev/null)" = "PONG" ]; }

write_env() {
  if [ ! -s "$PROD_DIR/secret_key" ]; then
    (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' >"$PROD_DIR/secret_key")
  fi
  local redis_url="${REDIS_URL:-redis://127.0.0.1:6379/2}"
  if ! redis_answers "$redis_url" 2>/dev/null; then
    if [ -z "${REDIS_URL:-}" ]; then
      bash "$ROOT/.ci/services.sh" redis >/dev/null
    fi
    redis_answers "$redis_url" || { echo "Redis does not answer at $redis_url" >&2; exit 1; }
  fi
  local base="${PORTAL_BASE_URL:-http://127.0.0.1:$PROD_HTTP_PORT}"
  (
    umask 077
    cat >"$PROD_DIR/env" <<EOF
# The production stack's environment (deploy/prod.sh): . $PROD_DIR/env
export DJANGO_SETTINGS_MODULE=cms.settings.production
export SECRET_KEY="\$(cat '$PROD_DIR/secret_key')"
export DEBUG=0
export SECURE_SSL_REDIRECT=0
export SECURE_HSTS_SECONDS=0
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PROD_HTTP_PORT,http://localhost:$PROD_HTTP_PORT
export SECURE_COOKIES=0
export TRUSTED_PROXIES=127.0.0.1
export DATABASE_URL='${DATABASE_URL:-sqlite:///$PROD_DIR/portal.sqlite3}'
export REDIS_URL='$redis_url'
# Stacks sharing one Redis (make prod, the stack test) keep apart.
export CACHE_KEY_PREFIX='${CACHE_KEY_PREFIX:-portal-$(printf %s "$PROD_DIR" | md5sum | cut -c1-8)}'
export STATIC_ROOT='$PROD_DIR/static'
export MEDIA_ROOT='${MEDIA_ROOT:-$ROOT/media}'
${PRIVATE_MEDIA_ROOT:+export PRIVATE_MEDIA_ROOT='$PRIVATE_MEDIA_ROOT'}
export PORTAL_BASE_URL='$base'
export WAGTAILADMIN_BASE_URL='$base'
export WAGTAILFRONTENDCACHE_URL=http://127.0.0.1:$PROD_CACHE_PORT
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export STATIC_PRECOMPRESS=${STATIC_PRECOMPRESS:-0}
export PORTAL_ALLOW_DEMO_ACCOUNTS=$PROD_DEMO
export PROD_APP_PORT=$PROD_APP_PORT
export PROD_DIR='$PROD_DIR'
${PROD_WORKERS:+export PROD_WORKERS=$PROD_WORKERS}
EOF
  )
}

render() {  # template output: @NAME@ placeholders from the variables below
  local media_root static_root brotli=""
  media_root="$(. "$PROD_DIR/env" && echo "$MEDIA_ROOT")"
  static_root="$(. "$PROD_DIR/env" && echo "$STATIC_ROOT")"
  if [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ]; then
    brotli="brotli on; brotli_comp_level 5; brotli_types text/css application/javascript application/json application/xml application/rss+xml application/atom+xml image/svg+xml text/plain;"
  fi
  sed -e "s|@HTTP_PORT@|$PROD_HTTP_PORT|g" -e "s|@CACHE_PORT@|$PROD_CACHE_PORT|g" \
    -e "s|@APP_PORT@|$PROD_APP_PORT|g" -e "s|@STATIC_ROOT@|$static_root|g" \
    -e "s|@MEDIA_ROOT@|$media_root|g" -e "s|@BROTLI@|$brotli|g" -e "s|@PROD_DIR@|$PROD_DIR|g" "$1" >"$2"
}

wait_for() {  # url seconds
  local deadline=$((SECONDS + $2))
  until curl -sf -o /dev/null --max-time 5 "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "no answer from $1 after $2 s" >&2; return 1; }
    sleep 0.3
  done
}

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
  install_missing
  write_env
  # shellcheck disable=SC1091
  . "$PROD_DIR/env"
  cd "$ROOT"
  mkdir -p "$PROD_DIR/nginx"
  # Setting up purges nothing page by page; the whole cache is purged once below.
  WAGTAILFRONTENDCACHE_URL="" "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py collectstatic --noinput -v 0
  if [ "$PROD_DEMO" = "1" ]; then
    WAGTAILFRONTENDCACHE_URL="" "$PY" manage.py load_initial_data
  fi

  alive "$PROD_DIR/gunicorn.pid" || "$ROOT/.venv/bin/gunicorn" cms.wsgi:application -c "$ROOT/deploy/gunicorn.conf.py" \
    --bind "127.0.0.1:$PROD_APP_PORT" --pid "$PROD_DIR/gunicorn.pid" --daemon \
    --error-logfile "$PROD_DIR/gunicorn.log" --capture-output

  mkdir -p "$VARNISH_DIR" && chmod 755 "$VARNISH_DIR"
  render "$ROOT/deploy/varnish/portal.vcl" "$VARNISH_DIR/portal.vcl"
  chmod 644 "$VARNISH_DIR/portal.vcl"
  alive "$VARNISH_DIR/varnish.pid" || /usr/sbin/varnishd -a "127.0.0.1:$PROD_CACHE_PORT" -T "127.0.0.1:0" \
    -f "$VARNISH_DIR/portal.vcl" -s "malloc,${PROD_CACHE_SIZE:-128m}" -n "$VARNISH_DIR/work" \
    -P "$VARNISH_DIR/varnish.pid" -p default_ttl=0 >"$PROD_DIR/varnish.log" 2>&1

  # Background tasks: e-mails, search engine updates, Wagtail's cache purges.
  if ! alive "$PROD_DIR/worker.pid"; then
    setsid "$PY" manage.py db_worker --queue-name '*' --interval 0.5 --no-reload \
      </dev/null >>"$PROD_DIR/worker.log" 2>&1 &
    echo $! >"$PROD_DIR/worker.pid"
  fi

  render "$ROOT/deploy/nginx/portal.conf" "$PROD_DIR/nginx/portal.conf"
  local modules=""
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so ] \
    && modules="load_module /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so;"
  cat >"$PROD_DIR/nginx/nginx.conf" <<EOF
# Rendered by deploy/prod.sh: the main file around deploy/nginx/portal.conf.
$modules
worker_processes auto;
pid $PROD_DIR/nginx.pid;
error_log $PROD_DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path $PROD_DIR/nginx/body;
  proxy_temp_path $PROD_DIR/nginx/proxy;
  fastcgi_temp_path $PROD_DIR/nginx/fastcgi;
  uwsgi_temp_path $PROD_DIR/nginx/uwsgi;
  scgi_temp_path $PROD_DIR/nginx/scgi;
  include $PROD_DIR/nginx/portal.conf;
}
EOF
  alive "$PROD_DIR/nginx.pid" || /usr/sbin/nginx -q -c "$PROD_DIR/nginx/nginx.conf" -p "$PROD_DIR/nginx" -e "$PROD_DIR/nginx/error.log"

  curl -s -o /dev/null --max-time 5 -X PURGE "http://127.0.0.1:$PROD_CACHE_PORT/.purge-all" || true
  wait_for "http://127.0.0.1:$PROD_APP_PORT/robots.txt" 60
  wait_for "http://127.0.0.1:$PROD_HTTP_PORT/robots.txt" 20
  say "Production stack (cms.settings.production, $(cat "$PROD_DIR/secret_key" >/dev/null && echo "SECRET_KEY in $PROD_DIR/secret_key")):"
  say "  http://127.0.0.1:$PROD_HTTP_PORT/        the portal: nginx -> Varnish -> gunicorn"
  say "  http://127.0.0.1:$PROD_HTTP_PORT/admin/  Wagtail admin (never cached)"
  say "  http://127.0.0.1:$PROD_CACHE_PORT/        Varnish (X-Cache: HIT/MISS, Age)"
  say "  http://127.0.0.1:$PROD_APP_PORT/        gunicorn, one JSON log line per request in $PROD_DIR/gunicorn.log"
  say "  background tasks: manage.py db_worker, log in $PROD_DIR/worker.log"
  say "  manage.py in the stack's environment: . $PROD_DIR/env && .venv/bin/python manage.py …"
  say "  make prod-stop stops it."
}

stop_pid() {  # pidfile name: the process, then any of its children still there
  local pidfile="$1"
  if alive "$pidfile"; then
    local pid children
    pid="$(cat "$pidfile")"
    children="$(pgrep -P "$pid" || true)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    for p in $pid $children; do kill -9 "$p" 2>/dev/null || true; done
    say "$2 stopped"
  fi
  rm -f "$pidfile"
}

stop() {
  stop_pid "$PROD_DIR/nginx.pid" nginx
  stop_pid "$VARNISH_DIR/varnish.pid" Varnish
  rm -rf "$VARNISH_DIR"
  stop_pid "$PROD_DIR/gunicorn.pid" gunicorn
  stop_pid "$PROD_DIR/worker.pid" "task worker"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  env) write_env && cat "$PROD_DIR/env" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
