#!/usr/bin/env bash
# Runs every test of Workshops on a fresh machine: installs what the tests need (Chromium from
# Debian, the npm tools in tests/node), builds once, runs each test project, and ends with one
# line "N passed, N failed". The whole suite runs under Turkish culture (tr-TR); the domain,
# report and storage suites run under en-US as well.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_XMLDOC_MODE=skip

log() { printf '\n== %s\n' "$*"; }

if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium (Debian package) for the browser tests"
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; the browser tests will fail"
  fi
fi

if [ ! -x /usr/bin/loimpress ] || [ ! -x /usr/bin/pdftotext ] || [ ! -x /usr/bin/pdftoppm ]; then
  log "installing LibreOffice Impress and poppler-utils (Debian packages) for the closing deck and the printed kit tests"
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-impress poppler-utils >/dev/null) \
      || echo "warning: could not install libreoffice-impress/poppler-utils; the deck rendering and kit tests will fail"
  fi
fi

if [ ! -x tests/node/node_modules/.bin/azurite ]; then
  log "installing the test tools of tests/node (Azurite, @microsoft/signalr)"
  (cd tests/node && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
fi

log "building"
if ! dotnet build Workshops.sln -c Debug -nologo -v:q -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; broken=0
results=$(mktemp -d)

# run_project PROJECT CULTURE
run_project() {
  local project=$1 culture=$2 name out
  name=$(basename "$project")
  out="$results/$name.$culture.log"
  log "$name ($culture)"
  # The test processes run in $culture; the runner's own messages stay English.
  local trx="$results/$name.$culture.trx"
  LANG=$culture.UTF-8 LC_ALL=$culture.UTF-8 DOTNET_CLI_UI_LANGUAGE=en-US VSLANG=1033 \
    timeout 1800 dotnet test "$project" --no-build -c Debug -nologo \
    --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" > "$out" 2>&1
  local rc=$?
  # A failure's name and the first lines of its message, so that a CI log says why.
  grep -E -A2 '^\s+Failed [A-Za-z]' "$out" | cut -c1-400 | head -90 || true
  grep -E 'Total tests|Passed!|Failed!' "$out" | head -5 || true
  if [ ! -f "$trx" ]; then
    echo "!! $name ($culture): no test results (the run crashed or timed out)"
    tail -30 "$out"
    broken=$((broken + 1))
    return
  fi
  # Counters of the trx file: language-independent totals.
  local counters p f
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -E 's/.* passed="([0-9]+)".*/\1/')
  f=$(echo "$counters" | sed -E 's/.* failed="([0-9]+)".*/\1/')
  local e; e=$(echo "$counters" | sed -E 's/.* error="([0-9]+)".*/\1/'); f=$((f + e))
  echo "   $name ($culture): $p passed, $f failed"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "!! $name ($culture): dotnet test exited $rc with no failed test (aborted run?)"
    tail -30 "$out"
    broken=$((broken + 1))
  fi
  passed=$((passed + p)); failed=$((failed + f))
}

for project in tests/*.Tests/*.csproj; do
  run_project "$project" tr_TR
done
for project in tests/Workshops.Domain.Tests/*.csproj tests/Workshops.Grains.Tests/*.csproj tests/Workshops.Reports.Tests/*.csproj tests/Workshops.Storage.Tests/*.csproj; do
  [ -f "$project" ] && run_project "$project" en_US
done

failed=$((failed + broken))
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
