#!/usr/bin/env bash
# Remakes tests/Workshops.Server.Tests/Fixtures/LegacyDataV1 with the server of the checked-out
# commit: starts it on a fresh temp data folder (SQLite, fixed test admin and signing keys, loopback),
# drives it with make-legacy-fixture.mjs through HTTP and the hub, stops it cleanly (SIGTERM) and
# copies the data folder's files and the expected views into the fixture folder.
#
# usage (from the repository root): tests/node/make-legacy-fixture.sh
# Needs: `dotnet build src/Workshops.Server` done, and `npm ci` in tests/node.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
fixture="$repo/tests/Workshops.Server.Tests/Fixtures/LegacyDataV1"
server="$repo/src/Workshops.Server/bin/Debug/net10.0/Workshops.Server"
# The test suite's keys (tests/Workshops.TestHost/ServerOptions.cs): test-only, published on purpose.
admin_key="adm_test-admin-key-for-the-test-suite-only-0123456789"
signing_key="dGVzdC1zaWduaW5nLWtleS0zMi1ieXRlcy1sb25nISE="

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

data=$(mktemp -d)
out=$(mktemp -d)
port=$(free_port)
pid=
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid"; rm -rf "$data" "$out"' EXIT

cd "$repo/src/Workshops.Server"
Workshops__AdminKey="$admin_key" \
Workshops__SigningKey="$signing_key" \
Workshops__DataPath="$data" \
Workshops__Storage__Provider=Sqlite \
Workshops__Storage__SqlitePath="$data/workshops.db" \
Workshops__Cluster__SiloPort=$(free_port) \
Workshops__Cluster__GatewayPort=$(free_port) \
Workshops__HubCallsPerSecond=1000 \
ASPNETCORE_URLS="http://127.0.0.1:$port" \
  "$server" > "$out/server.log" 2>&1 &
pid=$!

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break
  sleep 0.5
done

node "$repo/tests/node/make-legacy-fixture.mjs" "http://127.0.0.1:$port" "$admin_key" "$out"

kill -TERM "$pid"
wait "$pid" || { echo "server exit code $?; log:"; cat "$out/server.log"; exit 1; }
pid=

mkdir -p "$fixture"
rm -f "$fixture"/workshops.db*
cp "$data"/workshops.db* "$fixture"/
cp "$out"/fixture.json "$out"/expected-export.json "$out"/expected-snapshots.json "$fixture"/
echo "data folder had: $(ls "$data")"
git -C "$repo" rev-parse HEAD > "$fixture/made-by-commit.txt"
ls -la "$fixture"
