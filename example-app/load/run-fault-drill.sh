#!/usr/bin/env bash
# Fault drill: two example-app instances on one real PostgreSQL, the database stopped for OUTAGE seconds and
# started again, on loopback only. Prints, per phase, the status and latency of GET /api/models (a pro user seen
# before the outage) and of an admin PATCH on each instance, and whether an admin change made on A reaches B's
# dropdown within 10 s of the database's return (through the change feed: the periodic reload is switched off).
#
#   example-app/load/run-fault-drill.sh          # builds the app, runs the drill (about 2 minutes), cleans up
#
# Needs: a JDK 21+ (JAVA_HOME), curl, openssl, and PostgreSQL server binaries (PG_BIN, default
# /usr/lib/postgresql/15/bin; Debian: apt-get install -y postgresql-15). As root, the server runs as the user
# 'postgres' (or 'nobody'). Settings (environment): OUTAGE (30), PG_PORT (35432), A_PORT (38181), B_PORT (38182),
# OR_PORT (38189), SKIP_BUILD (unset). Bounded: the whole drill gives up after 10 minutes.
set -euo pipefail

cd "$(dirname "$0")/../.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
OUTAGE=${OUTAGE:-30}
PG_PORT=${PG_PORT:-35432}
A_PORT=${A_PORT:-38181}
B_PORT=${B_PORT:-38182}
OR_PORT=${OR_PORT:-38189}
SECRET="fault-drill-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
ADMIN=e0000000-0000-4000-8000-0000000000ad
PRO=e0000000-0000-4000-8000-000000000002
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d)
chmod 755 "$WORK"
PIDS=()

DB_USER=""
if [ "$(id -u)" = 0 ]; then
  DB_USER=postgres
  id "$DB_USER" >/dev/null 2>&1 || DB_USER=nobody
fi
as_db_user() {
  if [ -n "$DB_USER" ]; then (cd "$DB" && runuser -u "$DB_USER" -- "$@"); else "$@"; fi
}
DB="$WORK/db"
mkdir -p "$DB"
[ -z "$DB_USER" ] || chown "$DB_USER" "$DB"

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_db_user "$PG_BIN/pg_ctl" -D "$DB/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
( sleep 600 >/dev/null 2>&1; echo "fault drill: gave up after 10 minutes" >&2; kill -TERM $$ ) 2>/dev/null &
PIDS+=($!)

for tool in curl openssl "$PG_BIN/initdb" "$PG_BIN/pg_ctl" "$PG_BIN/psql"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
for port in "$PG_PORT" "$A_PORT" "$B_PORT" "$OR_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
done

if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== building the example app"
  ./mvnw -B -ntp -q -pl example-app -am package -DskipTests
fi
JAR=$(ls example-app/target/model-access-example-app-*.jar | grep -v original | head -1)

echo "== PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
as_db_user "$PG_BIN/initdb" -D "$DB/data" -U postgres --auth=trust >/dev/null
pg_start() {
  as_db_user "$PG_BIN/pg_ctl" -D "$DB/data" -l "$DB/pg.log" -w -t 30 \
    -o "-p $PG_PORT -k $DB -c listen_addresses=127.0.0.1" start >/dev/null
}
pg_stop() { as_db_user "$PG_BIN/pg_ctl" -D "$DB/data" -m fast -w stop >/dev/null; }
psql_run() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -c "$1"; }
pg_start

echo "== local OpenRouter on 127.0.0.1:$OR_PORT"
JAR="$JAR" example-app/load/run-local-openrouter.sh "$OR_PORT" >"$WORK/or.log" 2>&1 &
PIDS+=($!)

start_app() {
  "$JAVA" -jar "$JAR" --server.port="$1" --management.server.port=0 \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
    --spring.datasource.username=postgres \
    --app.security.jwt-secret="$SECRET" --app.demo.enabled=false \
    --modelaccess.openrouter.base-url="http://127.0.0.1:$OR_PORT/api/v1" \
    --modelaccess.sync.schedule.enabled=false --modelaccess.sync.run-on-startup=never \
    --modelaccess.catalog.rules-reload-interval=0s \
    --spring.main.banner-mode=off >"$WORK/$2.log" 2>&1 &
  PIDS+=($!)
}
echo "== instances A (:$A_PORT) and B (:$B_PORT)"
start_app "$A_PORT" a
start_app "$B_PORT" b
for port in "$A_PORT" "$B_PORT"; do
  for _ in $(seq 1 180); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/models" || true)
    [ "$code" = 401 ] && break
    sleep 1
  done
  [ "$code" = 401 ] || { echo "instance on :$port did not start" >&2; tail -50 "$WORK"/*.log >&2; exit 1; }
done

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
jwt() { # subject, extra claims
  local header payload now
  now=$(date +%s)
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"%s","aud":"authenticated","iat":%d,"exp":%d%s}' "$1" "$((now - 60))" "$((now + 3600))" "$2" | b64url)
  printf '%s.%s.%s' "$header" "$payload" \
    "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64url)"
}
ADMIN_TOKEN=$(jwt "$ADMIN" ',"app_metadata":{"role":"admin"}')
USER_TOKEN=$(jwt "$PRO" '')

call() { # method port path [body] -> "status seconds"
  local args=(-s -o "$WORK/body" -w '%{http_code} %{time_total}' -m 40 -X "$1" "http://127.0.0.1:$2$3")
  if [ "$1" = PATCH ] || [ "$1" = POST ]; then
    args+=(-H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' --data "${4:-}")
  else
    args+=(-H "Authorization: Bearer $USER_TOKEN")
  fi
  curl "${args[@]}" || echo "000 -"
}

call POST "$A_PORT" /api/admin/sync '' >/dev/null
psql_run "insert into profiles (id, tier) values ('$PRO', 'pro') on conflict (id) do update set tier = 'pro'"
mapfile -t MODELS < <(psql_run "select model_id from model_access where model_id like '%/%' order by model_id limit 2")
FIRST=${MODELS[0]}
SECOND=${MODELS[1]}
call PATCH "$A_PORT" "/api/admin/models/$FIRST" '{"status":"active","is_pro":true}' >/dev/null
echo "== models: $FIRST (pro, shown), $SECOND (toggled by the drill)"

FLIP=false
probe() { # phase
  local port name
  for port in "$A_PORT" "$B_PORT"; do
    [ "$port" = "$A_PORT" ] && name=A || name=B
    FLIP=$([ "$FLIP" = true ] && echo false || echo true)
    printf '%-8s %s  GET /api/models %s s  |  PATCH %s s\n' "$1" "$name" \
      "$(call GET "$port" /api/models | sed 's/ / in /')" \
      "$(call PATCH "$port" "/api/admin/models/$SECOND" "{\"status\":\"active\",\"is_pro\":$FLIP}" | sed 's/ / in /')"
  done
}

echo "== before"
probe before
echo "== database stopped for $OUTAGE s"
pg_stop
STOPPED=$(date +%s)
while [ $(( $(date +%s) - STOPPED )) -lt "$OUTAGE" ]; do
  probe "down+$(( $(date +%s) - STOPPED ))s"
  sleep 4
done
echo "== database started again; at once, an admin change on A: does it reach B within 10 s of the return?"
pg_start
RETURNED=$(date +%s%N)
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
WANT=$(psql_run "select not is_pro from model_access where model_id = '$SECOND'")
BODY="{\"status\":\"active\",\"is_pro\":$([ "$WANT" = t ] && echo true || echo false)}"
ATTEMPTS=0
until [ "$(call PATCH "$A_PORT" "/api/admin/models/$SECOND" "$BODY" | cut -d' ' -f1)" = 200 ]; do
  ATTEMPTS=$((ATTEMPTS + 1))
  [ "$(ms_since "$RETURNED")" -lt 20000 ] || { echo "A's PATCH did not succeed within 20 s of the return"; break; }
  sleep 0.2
done
CHANGED=$(ms_since "$RETURNED")
REACHED=""
while [ "$(ms_since "$RETURNED")" -lt 20000 ]; do
  call GET "$B_PORT" /api/models >/dev/null
  if grep -q "\"$SECOND\"" "$WORK/body"; then shown=t; else shown=f; fi
  if [ "$shown" = "$WANT" ]; then REACHED=$(ms_since "$RETURNED"); break; fi
  sleep 0.1
done
echo "PATCH on A answered 200 $CHANGED ms after the return (after $ATTEMPTS earlier attempts)"
if [ -n "$REACHED" ]; then
  echo "B's dropdown showed the change $REACHED ms after the return: $([ "$REACHED" -le 10000 ] && echo "within 10 s" || echo "LATE")"
else
  echo "the change did NOT reach B within 20 s of the return"
fi
echo "== after"
for _ in 1 2 3; do probe "up+$(( $(ms_since "$RETURNED") / 1000 ))s"; sleep 1; done

grep -h "change feed\|Profiles are read\|Could not read profiles" "$WORK/a.log" "$WORK/b.log" | sed 's/^/log: /' | cut -c1-220 | tail -8
