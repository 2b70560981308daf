#!/usr/bin/env bash
# TrainingHub's one test command: installs and starts what the tests need (PostgreSQL, maildev, Chromium, poppler, zbar),
# runs every test project on SQLite and PostgreSQL, stops what it started, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
RUN="$ROOT/.test-run"
rm -rf "$RUN" && mkdir -p "$RUN/results"
PG_PORT=${TH_PG_PORT:-55432}
PG_BIN=/usr/lib/postgresql/15/bin
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '\n== %s\n' "$*"; }

# --- what the machine needs -------------------------------------------------------------------------------------
need=()
[ -x "$PG_BIN/postgres" ] || need+=(postgresql)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null || need+=(poppler-utils)
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need+=(python3-openpyxl)
command -v zbarimg >/dev/null || need+=(zbar-tools)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  [ -x "$PG_BIN/postgres" ] || PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/postgres | tail -1)")
fi

# --- PostgreSQL on a private data directory and port, and maildev, both stopped on exit ---------------------------
PGDATA="$RUN/pgdata"
MAILDEV_PID=
OIDC_PID=
stop_all() {
  if [ -f "$PGDATA/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ -n "$MAILDEV_PID" ]; then
    kill "$MAILDEV_PID" 2>/dev/null || true
    wait "$MAILDEV_PID" 2>/dev/null || true
  fi
  if [ -n "$OIDC_PID" ]; then
    kill "$OIDC_PID" 2>/dev/null || true
    wait "$OIDC_PID" 2>/dev/null || true
  fi
  return 0
}
trap stop_all EXIT
log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$PGDATA" && chown postgres "$RUN" "$PGDATA"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PGDATA -c fsync=off -c max_connections=300" start >/dev/null
export TH_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Include Error Detail=true"

# --- maildev: a real SMTP server with an HTTP API, on loopback (npm, no install scripts needed) -------------------
SMTP_PORT=${TH_SMTP_PORT:-2525}
MAILDEV_WEB_PORT=${TH_MAILDEV_WEB_PORT:-2580}
log "starting maildev on 127.0.0.1:$SMTP_PORT (SMTP) and :$MAILDEV_WEB_PORT (HTTP)"
if npm install --prefix "$RUN/maildev" maildev@2.2.1 --ignore-scripts --no-audit --no-fund --loglevel=error >"$RUN/maildev-install.log" 2>&1; then
  node "$RUN/maildev/node_modules/maildev/bin/maildev" --ip 127.0.0.1 --smtp "$SMTP_PORT" --web "$MAILDEV_WEB_PORT" --silent >"$RUN/maildev.log" 2>&1 &
  MAILDEV_PID=$!
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$MAILDEV_WEB_PORT/email" >/dev/null 2>&1 && break
    sleep 0.2
  done
  export TH_TEST_SMTP_PORT=$SMTP_PORT TH_TEST_MAILDEV_URL="http://127.0.0.1:$MAILDEV_WEB_PORT"
else
  echo "maildev did not install (see $RUN/maildev-install.log): the SMTP tests will be skipped and the run fails"
  tail -5 "$RUN/maildev-install.log"; MAILDEV_MISSING=1
fi

# --- the OpenID Connect server the gov.br sign-in tests talk to (oidc-provider from its lock file, loopback) ------
OIDC_PORT=${TH_OIDC_PORT:-2650}
log "starting the OpenID Connect test server (oidc-provider) on 127.0.0.1:$OIDC_PORT"
if npm ci --prefix tests/oidc-provider --ignore-scripts --no-audit --no-fund --loglevel=error >"$RUN/oidc-install.log" 2>&1; then
  node tests/oidc-provider/server.mjs "$OIDC_PORT" >"$RUN/oidc.log" 2>&1 &
  OIDC_PID=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$OIDC_PORT/.well-known/openid-configuration" >/dev/null 2>&1 && break
    sleep 0.2
  done
  export TH_TEST_OIDC_URL="http://127.0.0.1:$OIDC_PORT"
else
  echo "oidc-provider did not install (see $RUN/oidc-install.log): the gov.br sign-in tests will be skipped and the run fails"
  tail -5 "$RUN/oidc-install.log"; OIDC_MISSING=1
fi

# --- build, schema checks, tests --------------------------------------------------------------------------------
failed_steps=0
[ -n "${MAILDEV_MISSING:-}" ] && failed_steps=$((failed_steps + 1))
[ -n "${OIDC_MISSING:-}" ] && failed_steps=$((failed_steps + 1))
log "restore and build (warnings are errors)"
dotnet tool restore >/dev/null
dotnet build TrainingHub.sln -c Release -warnaserror 2>&1 | tail -3 || failed_steps=$((failed_steps + 1))

log "format check"
if ! dotnet format TrainingHub.sln --verify-no-changes --no-restore >"$RUN/format.log" 2>&1; then
  cat "$RUN/format.log" | head -20; failed_steps=$((failed_steps + 1))
fi

log "migrations match the model (all three providers) and the SQL Server script is current"
for p in Sqlite Postgres SqlServer; do
  if ! dotnet ef migrations has-pending-model-changes --no-build --configuration Release \
      --project migrations/TrainingHub.Migrations.$p --startup-project migrations/TrainingHub.Migrations.Design -- --provider $p >"$RUN/ef-$p.log" 2>&1; then
    echo "model changed without a migration for $p:"; tail -5 "$RUN/ef-$p.log"; failed_steps=$((failed_steps + 1))
  fi
done
dotnet ef migrations script --idempotent --no-build --configuration Release --project migrations/TrainingHub.Migrations.SqlServer \
  --startup-project migrations/TrainingHub.Migrations.Design -o "$RUN/sqlserver.sql" -- --provider SqlServer >/dev/null 2>&1
if ! diff -q "$RUN/sqlserver.sql" migrations/sql/sqlserver.sql >/dev/null; then
  echo "migrations/sql/sqlserver.sql is stale: regenerate it (README, SQL Server)"; failed_steps=$((failed_steps + 1))
fi

export TH_SCREENSHOTS="$RUN/screenshots"
for project in tests/TrainingHub.UnitTests tests/TrainingHub.IntegrationTests tests/TrainingHub.BrowserTests; do
  [ -d "$project" ] || continue
  name=$(basename "$project")
  log "$name"
  dotnet test "$project" -c Release --no-build --blame-hang-timeout 10m --logger "trx;LogFileName=$name.trx" --results-directory "$RUN/results" >"$RUN/$name.log" 2>&1
  rc=$?
  grep -E 'Failed |Passed!|Failed!|error|Skipped ' "$RUN/$name.log" | head -40
  if [ $rc -ne 0 ] && ! grep -q 'Failed!' "$RUN/$name.log"; then
    echo "$name: test run broke (exit $rc) without a failed test:"; tail -20 "$RUN/$name.log"; failed_steps=$((failed_steps + 1))
  fi
done

log "benchmark harness, quick mode (bench/run --quick: tiny data sets, every scenario and its reference)"
if ! TH_BENCH_POSTGRES="$TH_TEST_POSTGRES" bench/run --quick --no-build --out "$RUN/bench" >"$RUN/bench-quick.log" 2>&1; then
  echo "bench/run --quick failed:"; tail -20 "$RUN/bench-quick.log"; failed_steps=$((failed_steps + 1))
else
  grep -E '^\|' "$RUN/bench-quick.log" | head -20
fi

# --- the count ---------------------------------------------------------------------------------------------------
read -r passed failed skipped < <(python3 - "$RUN/results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("total", 0)) - int(c.get("executed", 0))
print(p, f, s)
PY
)
failed=$((failed + failed_steps))
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
