#!/usr/bin/env bash
# Builds, starts and stops the development/CI OpenSearch node (see pom.xml and SearchNode.java).
#
#   bash deploy/opensearch/node.sh start   # build when needed, start, wait until :9200 answers
#   bash deploy/opensearch/node.sh stop    # stop the node started here (by its pid file)
#
# The build is skipped while target/lib/.complete is newer than the pom and the sources. The
# node keeps its data in deploy/opensearch/data (git-ignored); the pid file and the log are there.
set -euo pipefail
cd "$(dirname "$0")"

PORT="${OPENSEARCH_PORT:-9200}"
URL="http://127.0.0.1:$PORT"
DATA="${OPENSEARCH_DATA:-$PWD/data}"
PIDFILE="$DATA/node.pid"
LOG="$DATA/node.log"
HEAP="${OPENSEARCH_HEAP:-1g}"
STAMP=target/lib/.complete

# Java 17 and Maven from Debian when missing (a fresh CI machine).
need_tools() {
  command -v java >/dev/null && command -v mvn >/dev/null && command -v curl >/dev/null && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo="sudo"
  echo "== Installing Java 17 and Maven (Debian packages) =="
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    openjdk-17-jdk-headless maven curl >/dev/null
}

answers() { curl -sf -o /dev/null --max-time 2 "$URL"; }

build() {
  if [ -f "$STAMP" ] && [ -z "$(find pom.xml src -newer "$STAMP" -type f | head -n 1)" ]; then
    return
  fi
  echo "== Building the OpenSearch node (mvn package) =="
  local started=$SECONDS
  rm -rf target/lib
  mvn -q -B package -DskipTests
  touch "$STAMP"
  echo "Built in $((SECONDS - started)) s"
}

start() {
  need_tools
  if answers; then
    echo "OpenSearch answers on $URL"
    return
  fi
  build
  mkdir -p "$DATA"
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "The node (pid $(cat "$PIDFILE")) is starting; waiting for it"
  else
    echo "== Starting OpenSearch on $URL (data in $DATA, log in $LOG) =="
    nohup setsid java -Xms512m "-Xmx$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.formatMsgNoLookups=true -Dopensearch.networkaddress.cache.ttl=60 \
      -cp "target/classes:target/lib/*" vn.congan.search.SearchNode "$DATA" "$PORT" \
      >"$LOG" 2>&1 </dev/null &
    echo $! >"$PIDFILE"
  fi
  local pid
  pid=$(cat "$PIDFILE")
  for _ in $(seq 1 120); do
    if answers; then
      echo "OpenSearch answers on $URL (pid $pid)"
      return
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "ERROR: the OpenSearch node exited; the end of $LOG:" >&2
      tail -n 40 "$LOG" >&2
      rm -f "$PIDFILE"
      exit 1
    fi
    sleep 1
  done
  echo "ERROR: OpenSearch did not answer on $URL within 120 s; the end of $LOG:" >&2
  tail -n 40 "$LOG" >&2
  exit 1
}

stop() {
  if [ ! -f "$PIDFILE" ]; then
    echo "No pid file ($PIDFILE): no node started here"
    return
  fi
  local pid
  pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$pid" 2>/dev/null && { echo "ERROR: pid $pid still runs after 30 s" >&2; exit 1; }
    echo "OpenSearch (pid $pid) stopped"
  fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  build) need_tools; build ;;
  *) echo "usage: $0 start|stop|build" >&2; exit 2 ;;
esac
