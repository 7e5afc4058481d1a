#!/usr/bin/env bash
# The production topology from Debian's packages, as the deployment kit describes it (CI cannot run Docker):
# a plain `pip install .` into a fresh virtualenv, PostgreSQL, gunicorn, the task worker and the scheduler started
# with the systemd units' own command lines, nginx with the shipped template and a throwaway certificate, and an
# SMTP server (aiosmtpd). Then deploy/ci/smoke.py walks the site through nginx.
#
# Needs root (apt-get, PostgreSQL's superuser) and a running PostgreSQL cluster; .ci/run provides both.
# KEEP=1 keeps the working directory (logs, data) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
HTTP_PORT=${TOPOLOGY_HTTP_PORT:-8480}
HTTPS_PORT=${TOPOLOGY_HTTPS_PORT:-8443}
APP_PORT=${TOPOLOGY_APP_PORT:-8470}
SMTP_PORT=${TOPOLOGY_SMTP_PORT:-8425}
HOSTNAME_=alliance87.test
WORK=$(mktemp -d /tmp/alliance87-topology.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/logs" "$WORK/run" "$WORK/nginx/tmp" "$WORK/tls"
chmod 777 "$WORK/nginx/tmp"
PIDS=()

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    echo "== topology failed; last log lines:"
    for log in "$WORK"/logs/*.log; do echo "--- $log"; tail -n 40 "$log"; done
  fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; else echo "Kept $WORK"; fi
}
trap cleanup EXIT

echo "== Debian packages: nginx"
if ! command -v nginx >/dev/null 2>&1; then
  # Install without starting Debian's own nginx service (it would take port 80).
  created_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
  [ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d
fi
command -v envsubst >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext-base >/dev/null

echo "== pip install . (not editable) into a fresh virtualenv"
mkdir -p "$WORK/src"
cp -r pyproject.toml README.md alliance87 "$WORK/src/"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check "$WORK/src" 2>&1 | grep -v "^WARNING: Location" || true
"$WORK/venv/bin/python" -P -c "import alliance87, sys; assert 'site-packages' in alliance87.__file__, alliance87.__file__"

echo "== PostgreSQL database"
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DROP DATABASE IF EXISTS alliance87_topology WITH (FORCE);
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'alliance87_topology') THEN
    CREATE ROLE alliance87_topology LOGIN PASSWORD 'alliance87_topology';
  END IF;
END
$$;
CREATE DATABASE alliance87_topology OWNER alliance87_topology;
SQL

echo "== configuration (as /etc/alliance87/env on a server)"
SECRET=$(python3 -c "import secrets; print(secrets.token_urlsafe(64))")
cat > "$WORK/env" <<ENV
SECRET_KEY=$SECRET
SITE_URL=https://$HOSTNAME_:$HTTPS_PORT
ALLOWED_HOSTS=$HOSTNAME_
CSRF_TRUSTED_ORIGINS=https://$HOSTNAME_:$HTTPS_PORT
ALLIANCE87_DATA_DIR=$WORK/data
DATABASE_URL=postgres://alliance87_topology:alliance87_topology@127.0.0.1:5432/alliance87_topology
EMAIL_HOST=127.0.0.1
EMAIL_PORT=$SMTP_PORT
EMAIL_MESSAGE_ID_DOMAIN=$HOSTNAME_
ACCEL_REDIRECT_PREFIX=/protected-media/
LOG_FORMAT=json
WEB_CONCURRENCY=2
ENV
set -a
# shellcheck disable=SC1091
. "$WORK/env"
set +a
unset DJANGO_SETTINGS_MODULE  # production follows from SECRET_KEY
export PATH="$WORK/venv/bin:$PATH"
cd "$WORK/run"  # not the checkout: only the installed package can be imported

alliance87 migrate --noinput -v 0
alliance87 collectstatic --noinput -v 0
alliance87 check --deploy --fail-level WARNING
alliance87 load_demo --force >/dev/null
alliance87 createadmin --email ops@$HOSTNAME_ --name "Topology operator"
API_TOKEN=$(alliance87 shell -v 0 -c "
from alliance87.accounts.models import User
from alliance87.accounts.services import issue_api_token
print(issue_api_token(user=User.objects.get(email='focal@demo.alliance87.org'), name='smoke')[1])")
mkdir -p "$ALLIANCE87_DATA_DIR/media/news/smoke"
python3 -c "import base64,sys; sys.stdout.buffer.write(base64.b64decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg=='))" \
  > "$ALLIANCE87_DATA_DIR/media/news/smoke/pixel.png"

echo "== services: SMTP, gunicorn, worker, scheduler (the systemd units' command lines)"
unit_command() {
  sed -n 's/^ExecStart=//p' "$ROOT/deploy/systemd/$1.service" \
    | sed "s#/opt/alliance87/venv#$WORK/venv#; s#--port 8000#--port $APP_PORT#"
}
start() {
  local name=$1; shift
  "$@" >"$WORK/logs/$name.log" 2>&1 &
  PIDS+=("$!")
}
[ -x "$ROOT/.venv/bin/python" ] || make -C "$ROOT" install >/dev/null
start smtp "$ROOT/.venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/maildir"
# Word splitting of the unit's command line is what systemd does too; the worker's '*' must not be globbed.
set -f
# shellcheck disable=SC2046
start web $(unit_command alliance87-web)
# shellcheck disable=SC2046
start worker $(unit_command alliance87-worker)
# shellcheck disable=SC2046
start scheduler $(unit_command alliance87-scheduler)
set +f

echo "== nginx with deploy/nginx/alliance87.conf.template"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$HOSTNAME_" \
  -addext "subjectAltName=DNS:$HOSTNAME_" -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" 2>/dev/null
SERVER_NAME=$HOSTNAME_ APP_UPSTREAM=127.0.0.1:$APP_PORT TLS_CERTIFICATE=$WORK/tls/cert.pem \
  TLS_CERTIFICATE_KEY=$WORK/tls/key.pem HTTP_PORT=$HTTP_PORT HTTPS_PORT=$HTTPS_PORT \
  envsubst '$SERVER_NAME $APP_UPSTREAM $ALLIANCE87_DATA_DIR $TLS_CERTIFICATE $TLS_CERTIFICATE_KEY $HTTP_PORT $HTTPS_PORT' \
  < "$ROOT/deploy/nginx/alliance87.conf.template" > "$WORK/nginx/alliance87.conf"
cat > "$WORK/nginx/nginx.conf" <<NGINX
user www-data;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $WORK/logs/nginx-access.log;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    sendfile on;
    server_tokens off;
    include $WORK/nginx/alliance87.conf;
}
NGINX
nginx -t -c "$WORK/nginx/nginx.conf" 2>&1 | tail -n 1
start nginx nginx -c "$WORK/nginx/nginx.conf" -g "daemon off;"

for _ in $(seq 1 120); do
  curl -sf --resolve "$HOSTNAME_:$HTTPS_PORT:127.0.0.1" --cacert "$WORK/tls/cert.pem" \
    "https://$HOSTNAME_:$HTTPS_PORT/healthz" >/dev/null && break
  sleep 0.5
done
grep -q "Scheduler started" "$WORK/logs/scheduler.log" || { echo "the scheduler did not start"; exit 1; }

echo "== smoke test through nginx"
SITE_URL=https://$HOSTNAME_:$HTTPS_PORT CONNECT_HOST=127.0.0.1 CA_FILE=$WORK/tls/cert.pem HTTP_PORT=$HTTP_PORT \
  MAILDIR=$WORK/maildir API_TOKEN=$API_TOKEN DATA_DIR=$ALLIANCE87_DATA_DIR \
  MEMBER_EMAIL=member@demo.alliance87.org MEMBER_PASSWORD=alliance87-demo \
  "$WORK/venv/bin/python" "$ROOT/deploy/ci/smoke.py"

echo "== backup with the installed command (pg_dump)"
archive=$(alliance87 backup --output "$WORK/backups" 2>/dev/null)
tar -tzf "$archive" > "$WORK/backup-contents"
grep -q '^manifest.json$' "$WORK/backup-contents"
grep -q '^database/alliance87.pgdump$' "$WORK/backup-contents"
grep -q '^media/library/' "$WORK/backup-contents"
echo "backup: $(basename "$archive") ($(du -h "$archive" | cut -f1))"
grep -q "\"level\": \"INFO\"" "$WORK/logs/worker.log" || { echo "the worker log is not JSON"; exit 1; }
echo "== topology: done"
