#!/usr/bin/env bash
# Installs (from Debian, when missing) and starts the servers the tests and the production stack
# use, on 127.0.0.1 only: PostgreSQL on 5432 with trust authentication for loopback connections,
# Redis on 6379. Quick when they already answer; waits until they do.
#
#   bash .ci/services.sh            # PostgreSQL and Redis
#   bash .ci/services.sh postgres   # only one of them
#   bash .ci/services.sh redis
set -euo pipefail

want=("$@")
[ ${#want[@]} -eq 0 ] && want=(postgres redis)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null && SUDO="sudo"
fi
apt_updated=""
apt_update_once() {
  if [ -z "$apt_updated" ]; then
    $SUDO apt-get update -qq
    apt_updated=1
  fi
}
export DEBIAN_FRONTEND=noninteractive

pg_answers() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }

start_postgres() {
  if command -v pg_isready >/dev/null && pg_answers; then
    echo "PostgreSQL answers on 127.0.0.1:5432"
    return
  fi
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "== Installing PostgreSQL (Debian package postgresql) =="
    apt_update_once
    $SUDO apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >/dev/null
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if [ ! -f "/etc/postgresql/$version/main/postgresql.conf" ]; then
    $SUDO pg_createcluster "$version" main >/dev/null
  fi
  local conf="/etc/postgresql/$version/main"
  # Loopback connections need no password: the tests and `make prod` connect as postgres@127.0.0.1.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"; then
    $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$conf/pg_hba.conf"
  fi
  $SUDO sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf/postgresql.conf"
  $SUDO sed -i "s/^#\?port = .*/port = 5432/" "$conf/postgresql.conf"
  if $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main status >/dev/null 2>&1; then
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
  else
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  for _ in $(seq 1 60); do pg_answers && break; sleep 0.5; done
  pg_answers || { echo "PostgreSQL did not answer on 127.0.0.1:5432" >&2; return 1; }
  echo "PostgreSQL $version started on 127.0.0.1:5432"
}

redis_answers() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

start_redis() {
  if command -v redis-cli >/dev/null && redis_answers; then
    echo "Redis answers on 127.0.0.1:6379"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    echo "== Installing Redis (Debian package redis-server) =="
    apt_update_once
    $SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
  local dir="${TMPDIR:-/tmp}/portal-redis"
  mkdir -p "$dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir "$dir" --logfile "$dir/redis.log" --pidfile "$dir/redis.pid"
  for _ in $(seq 1 60); do redis_answers && break; sleep 0.25; done
  redis_answers || { echo "Redis did not answer on 127.0.0.1:6379" >&2; return 1; }
  echo "Redis started on 127.0.0.1:6379"
}

for service in "${want[@]}"; do
  case "$service" in
    postgres) start_postgres ;;
    redis) start_redis ;;
    *) echo "unknown service: $service (postgres, redis)" >&2; exit 2 ;;
  esac
done
