#!/usr/bin/env bash
# A local Workshops cluster on this machine, in the Azure profile: Azurite (the Azure Storage
# emulator, from tests/node) holding the membership table and the grain state, and three
# identical servers on their own ports, all on 127.0.0.1.
#
#   deploy/local-cluster.sh start    build (dotnet publish), start Azurite and 3 servers, wait for /healthz
#   deploy/local-cluster.sh status   what runs, and what each /healthz answers
#   deploy/local-cluster.sh stop     stop everything `start` started (by its PID files)
#
# Settings (environment variables, all optional):
#   WORKSHOPS_CLUSTER_DIR     state folder: keys, PID files, logs, Azurite data (default deploy/.local-cluster)
#   WORKSHOPS_HTTP_PORTS      "5081 5082 5083"      one per server
#   WORKSHOPS_SILO_PORTS      "11111 11112 11113"   silo-to-silo
#   WORKSHOPS_GATEWAY_PORTS   "30000 30001 30002"   Orleans clients (the CLI's `workshops status`)
#   WORKSHOPS_AZURITE_PORTS   "10000 10001 10002"   blob, queue, table
#   WORKSHOPS_SERVER_DLL      run this Workshops.Server.dll instead of publishing one
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${WORKSHOPS_CLUSTER_DIR:-$ROOT/deploy/.local-cluster}
read -r -a HTTP_PORTS <<< "${WORKSHOPS_HTTP_PORTS:-5081 5082 5083}"
read -r -a SILO_PORTS <<< "${WORKSHOPS_SILO_PORTS:-11111 11112 11113}"
read -r -a GATEWAY_PORTS <<< "${WORKSHOPS_GATEWAY_PORTS:-30000 30001 30002}"
read -r -a AZURITE_PORTS <<< "${WORKSHOPS_AZURITE_PORTS:-10000 10001 10002}"
SERVERS=${#HTTP_PORTS[@]}
AZURITE_JS=$ROOT/tests/node/node_modules/azurite/dist/src/azurite.js
# The emulator's documented, public development key.
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

say() { printf '%s\n' "$*"; }
fail() { printf 'local-cluster: %s\n' "$*" >&2; exit 1; }

# pid_of NAME: the PID in STATE/NAME.pid if that process still runs and is the one we started.
pid_of() {
  local file=$STATE/$1.pid pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  # A recycled PID belongs to someone else: check the command line names what we started.
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -e 'Workshops.Server.dll' -e 'azurite' || return 1
  echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# http_status URL: the HTTP status code, or 000 when nothing answers.
http_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true
  else
    local rest=${1#http://} host port path
    host=${rest%%/*}; path=/${rest#*/}; port=${host##*:}
    { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&3 \
      && head -1 <&3 | awk '{print $2}'; } 2>/dev/null || echo 000
  fi
}

# stop_one NAME: SIGTERM, up to 20 s to finish, then SIGKILL.
stop_one() {
  local pid
  if pid=$(pid_of "$1"); then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "  $1 (pid $pid) did not stop in 20 s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "  stopped $1 (pid $pid)"
  fi
  rm -f "$STATE/$1.pid"
}

stop_all() {
  for i in $(seq "$SERVERS" -1 1); do
    stop_one "server-$i"
  done
  stop_one azurite
}

keys() {
  if [ ! -f "$STATE/keys.env" ]; then
    # Shared by every server: a token from one verifies on the others. Kept across restarts.
    local signing admin
    signing=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
    admin=adm_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    (umask 077 && printf 'SIGNING_KEY=%s\nADMIN_KEY=%s\n' "$signing" "$admin" > "$STATE/keys.env")
  fi
  # shellcheck disable=SC1091
  . "$STATE/keys.env"
}

server_dll() {
  if [ -n "${WORKSHOPS_SERVER_DLL:-}" ]; then
    [ -f "$WORKSHOPS_SERVER_DLL" ] || fail "WORKSHOPS_SERVER_DLL=$WORKSHOPS_SERVER_DLL does not exist"
    echo "$WORKSHOPS_SERVER_DLL"
    return
  fi
  say "publishing the server (Release; also builds the browser pages) into $STATE/publish ..." >&2
  dotnet publish "$ROOT/src/Workshops.Server" -c Release -o "$STATE/publish" -nologo -v:q -clp:ErrorsOnly >&2 \
    || fail "dotnet publish failed"
  echo "$STATE/publish/Workshops.Server.dll"
}

start() {
  mkdir -p "$STATE/azurite"
  if pid_of azurite >/dev/null || pid_of server-1 >/dev/null; then
    fail "already running (see: $0 status; stop it with: $0 stop)"
  fi
  for port in "${HTTP_PORTS[@]}" "${SILO_PORTS[@]}" "${GATEWAY_PORTS[@]}" "${AZURITE_PORTS[@]}"; do
    ! port_in_use "$port" || fail "port $port on 127.0.0.1 is taken; choose others with WORKSHOPS_*_PORTS"
  done
  command -v node >/dev/null 2>&1 || fail "Node.js is needed for Azurite"
  if [ ! -f "$AZURITE_JS" ]; then
    say "installing Azurite (npm ci in tests/node) ..."
    (cd "$ROOT/tests/node" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed"
  fi
  keys
  local dll content_root
  dll=$(server_dll)
  # A published folder carries its pages; a build output uses the project's.
  content_root=$(dirname "$dll")
  [ -d "$content_root/wwwroot" ] || content_root=$ROOT/src/Workshops.Server

  # From here on, a failure stops whatever was already started.
  trap 'say "start failed: stopping what was started"; stop_all' ERR

  local blob=${AZURITE_PORTS[0]} queue=${AZURITE_PORTS[1]} table=${AZURITE_PORTS[2]}
  setsid nohup node "$AZURITE_JS" --silent --location "$STATE/azurite" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" --skipApiVersionCheck --loose --disableTelemetry \
    > "$STATE/azurite.log" 2>&1 < /dev/null &
  echo $! > "$STATE/azurite.pid"
  for _ in $(seq 1 150); do
    port_in_use "$table" && port_in_use "$blob" && break
    sleep 0.2
  done
  port_in_use "$table" || { tail -20 "$STATE/azurite.log" >&2; false; }
  say "Azurite on 127.0.0.1:$blob (blob), :$queue (queue), :$table (table), data in $STATE/azurite"

  local connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  for i in $(seq 1 "$SERVERS"); do
    local n=$((i - 1))
    mkdir -p "$STATE/server-$i"
    (
      cd "$STATE/server-$i"
      export ASPNETCORE_ENVIRONMENT=Production
      export Workshops__AdminKey=$ADMIN_KEY Workshops__SigningKey=$SIGNING_KEY Workshops__DataPath=$STATE/server-$i
      export Workshops__Storage__Provider=AzureBlob Workshops__Storage__AzureConnectionString=$connection
      export Workshops__Cluster__Mode=AzureTable Workshops__Cluster__ClusterId=workshops-local Workshops__Cluster__ServiceId=workshops
      export Workshops__Cluster__AdvertisedAddress=127.0.0.1
      export Workshops__Cluster__SiloPort=${SILO_PORTS[$n]} Workshops__Cluster__GatewayPort=${GATEWAY_PORTS[$n]}
      # A killed server is declared dead after ~6 s instead of Orleans' default ~15 s.
      export Workshops__Cluster__Membership__ProbeTimeout=00:00:02 Workshops__Cluster__Membership__NumMissedProbesLimit=3
      exec setsid nohup dotnet "$dll" --urls "http://127.0.0.1:${HTTP_PORTS[$n]}" --contentRoot "$content_root" \
        > "$STATE/server-$i.log" 2>&1 < /dev/null
    ) &
    echo $! > "$STATE/server-$i.pid"
  done

  say "waiting for the servers' /healthz ..."
  for i in $(seq 1 "$SERVERS"); do
    local url="http://127.0.0.1:${HTTP_PORTS[$((i - 1))]}" ok=""
    for _ in $(seq 1 180); do
      pid_of "server-$i" >/dev/null || break
      if [ "$(http_status "$url/healthz")" = 200 ]; then ok=1; break; fi
      sleep 0.5
    done
    if [ -z "$ok" ]; then
      say "server $i did not become healthy; its log ends with:" >&2
      tail -30 "$STATE/server-$i.log" >&2
      false
    fi
  done
  trap - ERR

  say ""
  say "Workshops cluster is running: Azurite and $SERVERS servers (Azure profile)."
  for i in $(seq 1 "$SERVERS"); do
    say "  server $i: http://127.0.0.1:${HTTP_PORTS[$((i - 1))]}   (pid $(cat "$STATE/server-$i.pid"), log $STATE/server-$i.log)"
  done
  say "Admin key: $ADMIN_KEY"
  say "Dashboard: sign in with the admin key (POST /api/auth/key), then open"
  say "  http://127.0.0.1:${HTTP_PORTS[0]}/dashboard/?access_token=<token>"
  say "Stop with: $0 stop"
}

status() {
  local any=""
  if pid=$(pid_of azurite); then
    say "azurite: running (pid $pid), table port ${AZURITE_PORTS[2]}"; any=1
  else
    say "azurite: stopped"
  fi
  for i in $(seq 1 "$SERVERS"); do
    local url="http://127.0.0.1:${HTTP_PORTS[$((i - 1))]}"
    if pid=$(pid_of "server-$i"); then
      say "server $i: running (pid $pid) $url  /healthz $(http_status "$url/healthz")"; any=1
    else
      say "server $i: stopped"
    fi
  done
  [ -n "$any" ]
}

case "${1:-}" in
  start) start ;;
  stop) say "stopping the local cluster"; stop_all ;;
  status) status ;;
  *) say "usage: $0 start|status|stop"; exit 2 ;;
esac
