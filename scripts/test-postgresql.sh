#!/usr/bin/env bash
# Makes a PostgreSQL database available for the test suite and writes its JDBC settings to the
# file given as $1 (Java properties: url, user, password).
#
# Uses a server already listening on 127.0.0.1:5432 if there is one; otherwise installs Debian's
# postgresql package (if missing) and starts its cluster. Creates role and database 'pbsj_test'.
set -euo pipefail

OUT=${1:?usage: test-postgresql.sh OUTPUT.properties}
DB=${PBSJ_TEST_PG_DB:-pbsj_test}
ROLE=${PBSJ_TEST_PG_USER:-pbsj_test}
PASSWORD=${PBSJ_TEST_PG_PASSWORD:-pbsj_test}
HOST=${PBSJ_TEST_PG_HOST:-127.0.0.1}
PORT=${PBSJ_TEST_PG_PORT:-5432}

as_root() {
    if [[ $(id -u) == 0 ]]; then "$@"; else sudo -n "$@"; fi
}

as_postgres() {
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
}

listening() {
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

if ! listening; then
    if ! command -v pg_ctlcluster >/dev/null; then
        echo "test-postgresql: installing Debian's postgresql package" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
            || { as_root apt-get update -q >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
    fi
    version=$(ls /etc/postgresql | sort -V | tail -1)
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
    for _ in $(seq 1 30); do listening && break; sleep 1; done
    listening || { echo "test-postgresql: PostgreSQL does not listen on $HOST:$PORT" >&2; exit 1; }
fi

psql_admin() {
    # Prefer the postgres OS user (peer auth); fall back to a TCP connection as superuser
    # for machines whose local services use trust authentication.
    if id postgres >/dev/null 2>&1 && as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres "$@" 2>/dev/null; then
        return 0
    fi
    psql -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U "${PBSJ_TEST_PG_ADMIN:-postgres}" -d postgres "$@"
}

psql_admin <<SQL >&2
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  ELSE
    ALTER ROLE $ROLE LOGIN PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
if ! psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >&2
fi

mkdir -p "$(dirname "$OUT")"
cat > "$OUT" <<PROPS
url=jdbc:postgresql://$HOST:$PORT/$DB
user=$ROLE
password=$PASSWORD
PROPS
echo "test-postgresql: $DB ready on $HOST:$PORT" >&2
