#!/usr/bin/env bash
# Load test of GET /api/models against nginx serving the same bytes as a static file, on loopback, with the framework's
# floor beside them.
#
#   example-app/load/run-load-test.sh            # builds the app, runs all four, prints the numbers
#
# Four servers answer the same bytes to the same wrk load (THREADS threads, CONNECTIONS connections, the same bearer
# token):
#   app       the example app as it is run (its application.yml: the web module model-access-web switched on, embedded
#             PostgreSQL, demo tokens, its bearer-token security chain and metrics), bound to 127.0.0.1 like the rest;
#   floor     FrameworkFloor.java beside this script: Spring MVC on Tomcat from the app's own libraries, with the same
#             JVM options and virtual threads, answering the bytes from memory and doing nothing else (no security, no
#             metrics, no model-access);
#   floor+sec the same with Spring Security's stock bearer-token chain in front, its decoder accepting any token
#             unchecked: the least any host's security does. app - floor+sec is the work of the app and the module;
#   nginx     the bytes as a static file.
# After warming the JVMs up, the script runs ROUNDS rounds of all four (DURATION each) and takes each one's median
# round: this machine's speed drifts by 10-20% within minutes, and alternating rounds keep that drift out of the
# ratios. It prints every round, then the medians: req/s, the ratio app/nginx (1.00 = as fast as nginx) and the
# p50/p99 of each (wrk --latency), all from one run on one machine.
#
# The JVMs run as we would run them on a small server (JAVA_OPTS below): a fixed 1 GB heap and the parallel collector,
# and twice as many virtual-thread carriers as cores. Left to its defaults on 2 cores, the JVM picks G1 and kept a heap
# of about 144 MB here, collecting every half second, and G1's write barriers cost more per request: together about a
# fifth of the app's CPU time per request. With as many carriers as cores, a carrier the OS preempts holds up the
# request it runs and the queue behind it (virtual threads are not time-sliced): p99 30-35 ms at 50 connections, 14-16
# ms with twice as many carriers, at the same throughput. Far more carriers than that fell off a cliff here (16 on
# 2 cores: a third of the throughput), as did as many platform threads (Tomcat's own pool of 8 or 200).
#
# Needs: a JDK 21+ (JAVA_HOME), wrk and nginx on the PATH (Debian/Ubuntu: apt-get install -y wrk nginx).
# Settings (environment): THREADS (2), CONNECTIONS (50), ROUNDS (3), DURATION (10s per server per round), WARMUP (45s
# per JVM: the JIT compiler was still busy after 20 s), APP_PORT (38080), FLOOR_PORT (38082), SECURED_FLOOR_PORT
# (38083), NGINX_PORT (38081), SKIP_BUILD (unset: build first), JAVA_OPTS (all JVMs' options; default -XX:+UseParallelGC -Xms1g -Xmx1g
# -Djdk.virtualThreadScheduler.parallelism=<2 x cores>; set it empty for the JVM's own defaults, or add a profiler
# agent), APP_ARGS (extra application arguments, e.g. --spring.threads.virtual.enabled=false). Runs offline:
# OpenRouter is pointed at a closed port, so the app serves its demo catalog. JAR (the built example app) runs another
# build of it, e.g. an older one to compare. Bounded: the script gives up after 15 minutes (the app's start alone took
# over 3 minutes on 2 cores shared with several builds).
set -euo pipefail

cd "$(dirname "$0")/../.."
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-45s}
JAVA_OPTS=${JAVA_OPTS--XX:+UseParallelGC -Xms1g -Xmx1g -Djdk.virtualThreadScheduler.parallelism=$((2 * $(nproc)))}
APP_PORT=${APP_PORT:-38080}
FLOOR_PORT=${FLOOR_PORT:-38082}
SECURED_FLOOR_PORT=${SECURED_FLOOR_PORT:-38083}
NGINX_PORT=${NGINX_PORT:-38081}
WORK=$(mktemp -d)
APP_PID=""
FLOOR_PID=""
SECURED_FLOOR_PID=""
NGINX_STARTED=""
WATCHDOG=""

cleanup() {
  if [ -n "$WATCHDOG" ]; then kill "$WATCHDOG" 2>/dev/null || true; fi
  for pid in "$APP_PID" "$FLOOR_PID" "$SECURED_FLOOR_PID"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  if [ -n "$NGINX_STARTED" ]; then nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap "exit 1" TERM INT
( sleep 900 >/dev/null 2>&1; echo "load test: gave up after 15 minutes" >&2; kill -TERM $$ ) 2>/dev/null &
WATCHDOG=$!

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y wrk nginx)" >&2; exit 1; }
done

for port in "$APP_PORT" "$FLOOR_PORT" "$SECURED_FLOOR_PORT" "$NGINX_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken; set APP_PORT / FLOOR_PORT / SECURED_FLOOR_PORT / NGINX_PORT" >&2; exit 1
  fi
done

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building the example app"
  ./mvnw -B -ntp -q -pl example-app -am package -DskipTests
fi
JAR=${JAR:-$(ls example-app/target/model-access-example-app-*.jar | grep -v original | head -1)}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "== starting the app on port $APP_PORT (embedded PostgreSQL, demo catalog; JVM options: ${JAVA_OPTS:-none})"
# shellcheck disable=SC2086 # JAVA_OPTS and APP_ARGS are word lists
"$JAVA" $JAVA_OPTS -jar "$JAR" \
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

echo "== starting the framework floor on ports $FLOOR_PORT and $SECURED_FLOOR_PORT (with Spring Security)"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/jar" >/dev/null
# Starts FrameworkFloor.java on port $1 with security $2, and waits until it answers.
start_floor() {
  # shellcheck disable=SC2086 # JAVA_OPTS is a word list
  "$JAVA" $JAVA_OPTS -cp "$WORK/jar/lib/*" example-app/load/FrameworkFloor.java "$WORK/www/api/models" \
    --server.address=127.0.0.1 --server.port="$1" --floor.security="$2" --spring.threads.virtual.enabled=true \
    --spring.main.banner-mode=off --logging.level.root=WARN >"$WORK/floor-$1.log" 2>&1 &
  STARTED_PID=$!
  for _ in $(seq 1 120); do
    if grep -q 'framework floor started' "$WORK/floor-$1.log"; then return; fi
    if ! kill -0 "$STARTED_PID" 2>/dev/null; then break; fi
    sleep 1
  done
  echo "the framework floor did not start on port $1" >&2; cat "$WORK/floor-$1.log" >&2; exit 1
}
start_floor "$FLOOR_PORT" false
FLOOR_PID=$STARTED_PID
start_floor "$SECURED_FLOOR_PORT" true
SECURED_FLOOR_PID=$STARTED_PID

APP_URL="http://127.0.0.1:$APP_PORT/api/models"
FLOOR_URL="http://127.0.0.1:$FLOOR_PORT/api/models"
SECURED_FLOOR_URL="http://127.0.0.1:$SECURED_FLOOR_PORT/api/models"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/api/models"
run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 2s --latency -H "Authorization: Bearer $TOKEN" "$2"; }
same_bytes() { cmp -s <(curl -s -H "Authorization: Bearer $TOKEN" "$1") "$WORK/www/api/models"; }

if [ "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL")" != 200 ]; then
  echo "nginx does not serve the file" >&2; cat "$WORK/logs/error.log" >&2; exit 1
fi
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$SECURED_FLOOR_URL")" != 401 ]; then
  echo "the framework floor with security answers without a token" >&2; exit 1
fi
echo "== load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== warming up the app and both floors ($WARMUP each)"
run "$WARMUP" "$APP_URL" >/dev/null
run "$WARMUP" "$FLOOR_URL" >/dev/null
run "$WARMUP" "$SECURED_FLOOR_URL" >/dev/null

# One line per run: name req/s p50 p99 (latencies in ms), and any errors wrk counted.
ms() { awk -v v="$1" 'BEGIN { u = v; sub(/^[0-9.]+/, "", u); n = v + 0; printf "%.2f", u == "us" ? n / 1000 : u == "s" ? n * 1000 : n }'; }
pct() { awk -v p="$1%" '$1 == p {print $2}'; }
RESULTS="$WORK/results"
ERRORS=""
for round in $(seq 1 "$ROUNDS"); do
  for server in app floor floor+sec nginx; do
    case $server in
      app) url=$APP_URL ;;
      floor) url=$FLOOR_URL ;;
      floor+sec) url=$SECURED_FLOOR_URL ;;
      nginx) url=$NGINX_URL ;;
    esac
    OUT=$(run "$DURATION" "$url")
    RPS=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
    P50=$(ms "$(echo "$OUT" | pct 50)")
    P99=$(ms "$(echo "$OUT" | pct 99)")
    ERR=$(echo "$OUT" | awk '/Non-2xx|Socket errors/' | tr '\n' ' ')
    if [ -n "$ERR" ]; then ERRORS="$ERRORS$server round $round: $ERR"$'\n'; fi
    echo "$server $RPS $P50 $P99" >>"$RESULTS"
    printf '== round %s %-9s %9s req/s  p50 %6s ms  p99 %6s ms  %s\n' "$round" "$server" "$RPS" "$P50" "$P99" "$ERR"
  done
done

for url in "$APP_URL" "$FLOOR_URL" "$SECURED_FLOOR_URL" "$NGINX_URL"; do
  if ! same_bytes "$url"; then echo "$url does not answer the same bytes as the app" >&2; exit 1; fi
done
echo "== all four answer the same $BYTES bytes"
if [ -n "$ERRORS" ]; then
  echo "== WARNING: errors during the runs:" >&2; printf '%s' "$ERRORS" >&2
fi
# The median of a server's rounds, of column 2 (req/s), 3 (p50) or 4 (p99).
median() { awk -v s="$1" -v c="$2" '$1 == s {print $c}' "$RESULTS" | sort -n | awk '{v[NR] = $1} END {printf "%s", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
APP_RPS=$(median app 2); FLOOR_RPS=$(median floor 2); SECURED_RPS=$(median floor+sec 2); NGINX_RPS=$(median nginx 2)
echo "== summary: medians of $ROUNDS rounds ($CONNECTIONS connections, $THREADS wrk threads, $DURATION each, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
echo "JVM options:            ${JAVA_OPTS:-none}"
echo "app req/s:              $APP_RPS"
echo "floor req/s:            $FLOOR_RPS"
echo "floor+sec req/s:        $SECURED_RPS"
echo "nginx req/s:            $NGINX_RPS"
echo "ratio app/nginx:        $(ratio "$APP_RPS" "$NGINX_RPS")"
echo "ratio floor/nginx:      $(ratio "$FLOOR_RPS" "$NGINX_RPS")"
echo "ratio floor+sec/nginx:  $(ratio "$SECURED_RPS" "$NGINX_RPS")"
echo "app p50/p99:            $(median app 3) / $(median app 4) ms"
echo "floor p50/p99:          $(median floor 3) / $(median floor 4) ms"
echo "floor+sec p50/p99:      $(median floor+sec 3) / $(median floor+sec 4) ms"
echo "nginx p50/p99:          $(median nginx 3) / $(median nginx 4) ms"
