#!/usr/bin/env bash
# Load test of GET /api/models against nginx serving the same bytes as a static file, on loopback.
#
#   example-app/load/run-load-test.sh            # builds the app, runs both, prints the numbers
#
# Prints the app's and nginx's req/s, the ratio app/nginx (1.00 = as fast as nginx) and both p50/p99 (wrk
# --latency), all from one run on one machine. The app runs as the example app is run (its application.yml: the
# web module model-access-web switched on, embedded PostgreSQL, demo tokens), bound to 127.0.0.1 like nginx.
#
# The JVM runs as we would run it on a small server (JAVA_OPTS below): a fixed 1 GB heap and the parallel collector,
# and twice as many virtual-thread carriers as cores. Left to its defaults on 2 cores, the JVM picks G1 and kept a heap
# of about 144 MB here, collecting every half second, and G1's write barriers cost more per request: together about a
# fifth of the app's CPU time per request. With as many carriers as cores, a carrier the OS preempts holds up the
# request it runs and the queue behind it (virtual threads are not time-sliced): p99 30-35 ms at 50 connections, 14-16
# ms with twice as many carriers, at the same throughput. Far more carriers than that fell off a cliff here (16 on
# 2 cores: a third of the throughput), as did as many platform threads (Tomcat's own pool of 8 or 200).
#
# Needs: a JDK 21+ (JAVA_HOME), wrk and nginx on the PATH (Debian/Ubuntu: apt-get install -y wrk nginx).
# Settings (environment): THREADS (2), CONNECTIONS (50), DURATION (15s), WARMUP (45s: the JIT compiler was still
# busy after 20 s), APP_PORT (38080), NGINX_PORT (38081), SKIP_BUILD (unset: build first), JAVA_OPTS (the JVM's
# options; default -XX:+UseParallelGC -Xms1g -Xmx1g -Djdk.virtualThreadScheduler.parallelism=<2 x cores>; set it
# empty for the JVM's own defaults, or add a profiler agent), APP_ARGS (extra application arguments, e.g.
# --spring.threads.virtual.enabled=false). Runs offline: OpenRouter is
# pointed at a closed port, so the app serves its demo catalog. JAR (the built example app) runs another build of it,
# e.g. an older one to compare. Bounded: the script gives up after 10 minutes (the app's start alone took over 3
# minutes on 2 cores shared with several builds).
set -euo pipefail

cd "$(dirname "$0")/../.."
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-45s}
JAVA_OPTS=${JAVA_OPTS--XX:+UseParallelGC -Xms1g -Xmx1g -Djdk.virtualThreadScheduler.parallelism=$((2 * $(nproc)))}
APP_PORT=${APP_PORT:-38080}
NGINX_PORT=${NGINX_PORT:-38081}
WORK=$(mktemp -d)
APP_PID=""
NGINX_STARTED=""
WATCHDOG=""

cleanup() {
  if [ -n "$WATCHDOG" ]; then kill "$WATCHDOG" 2>/dev/null || true; fi
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  if [ -n "$NGINX_STARTED" ]; then nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 1" TERM INT
( sleep 600 >/dev/null 2>&1; echo "load test: gave up after 10 minutes" >&2; kill -TERM $$ ) 2>/dev/null &
WATCHDOG=$!

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y wrk nginx)" >&2; exit 1; }
done

for port in "$APP_PORT" "$NGINX_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken; set APP_PORT / NGINX_PORT" >&2; exit 1
  fi
done

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building the example app"
  ./mvnw -B -ntp -q -pl example-app -am package -DskipTests
fi
JAR=${JAR:-$(ls example-app/target/model-access-example-app-*.jar | grep -v original | head -1)}

echo "== starting the app on port $APP_PORT (embedded PostgreSQL, demo catalog; JVM options: ${JAVA_OPTS:-none})"
# shellcheck disable=SC2086 # JAVA_OPTS and APP_ARGS are word lists
"${JAVA_HOME:+$JAVA_HOME/bin/}java" $JAVA_OPTS -jar "$JAR" \
  --server.address=127.0.0.1 --server.port="$APP_PORT" --management.server.port=0 \
  --modelaccess.openrouter.base-url=http://127.0.0.1:9/api/v1 \
  --modelaccess.sync.schedule.enabled=false \
  --spring.main.banner-mode=off --logging.level.root=WARN ${APP_ARGS:-} >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 360); do
  if grep -q 'demo user tier=pro' "$WORK/app.log"; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then cat "$WORK/app.log" >&2; exit 1; fi
  sleep 1
done
TOKEN=$(grep 'demo user tier=pro' "$WORK/app.log" | head -1 | sed 's/.*token=//')
[ -n "$TOKEN" ] || { echo "no demo token printed" >&2; cat "$WORK/app.log" >&2; exit 1; }

mkdir -p "$WORK/www/api" "$WORK/logs"
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$APP_PORT/api/models" -o "$WORK/www/api/models"
BYTES=$(wc -c <"$WORK/www/api/models")
MODELS=$(grep -o '"id"' "$WORK/www/api/models" | wc -l)
echo "== /api/models for the pro demo user: $BYTES bytes, $MODELS models"

cat >"$WORK/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/tmp;
  proxy_temp_path $WORK/tmp;
  fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp;
  scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location = /api/models { default_type application/json; }
  }
}
NGINX
mkdir -p "$WORK/tmp"
chmod -R a+rX "$WORK"   # nginx workers run as an unprivileged user
nginx -p "$WORK" -c "$WORK/nginx.conf"
NGINX_STARTED=yes

run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 2s --latency -H "Authorization: Bearer $TOKEN" "$2"; }

if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/api/models")" != 200 ]; then
  echo "nginx does not serve the file" >&2; cat "$WORK/logs/error.log" >&2; exit 1
fi
echo "== load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== warming up the app ($WARMUP)"
run "$WARMUP" "http://127.0.0.1:$APP_PORT/api/models" >/dev/null
echo "== app: GET /api/models ($THREADS threads, $CONNECTIONS connections, $DURATION)"
APP_OUT=$(run "$DURATION" "http://127.0.0.1:$APP_PORT/api/models"); echo "$APP_OUT"
echo "== nginx: the same bytes as a static file"
NGINX_OUT=$(run "$DURATION" "http://127.0.0.1:$NGINX_PORT/api/models"); echo "$NGINX_OUT"

APP_STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$APP_PORT/api/models")
NGINX_STATUS=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/api/models")
if ! cmp -s <(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$APP_PORT/api/models") "$WORK/www/api/models" \
   || ! cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT/api/models") "$WORK/www/api/models"; then
  echo "the two servers do not answer the same bytes" >&2; exit 1
fi
echo "== both answer $APP_STATUS / $NGINX_STATUS with the same $BYTES bytes"
rps() { awk '/Requests\/sec/ {print $2}'; }
pct() { awk -v p="$1%" '$1 == p {print $2}'; }
errors() { awk '/Non-2xx|Socket errors/' ; }
APP_RPS=$(echo "$APP_OUT" | rps)
NGINX_RPS=$(echo "$NGINX_OUT" | rps)
if [ -n "$(echo "$APP_OUT" | errors)$(echo "$NGINX_OUT" | errors)" ]; then
  echo "== WARNING: errors during the runs:" >&2; { echo "$APP_OUT"; echo "$NGINX_OUT"; } | errors >&2
fi
echo "== summary ($CONNECTIONS connections, $THREADS wrk threads, $DURATION each, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "app JVM options:  ${JAVA_OPTS:-none}"
echo "app req/s:        $APP_RPS"
echo "nginx req/s:      $NGINX_RPS"
echo "ratio app/nginx:  $(awk -v a="$APP_RPS" -v n="$NGINX_RPS" 'BEGIN {printf "%.2f", a / n}')"
echo "app p50/p99:      $(echo "$APP_OUT" | pct 50) / $(echo "$APP_OUT" | pct 99)"
echo "nginx p50/p99:    $(echo "$NGINX_OUT" | pct 50) / $(echo "$NGINX_OUT" | pct 99)"
