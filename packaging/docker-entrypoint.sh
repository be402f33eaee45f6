#!/bin/sh
# An example entrypoint for an application's image that carries forge and the application's
# migrations (in /app/migrations, or wherever --migrations-path / FORGE_MIGRATIONS_PATH says):
# apply the pending units, then replace this shell with the application.
#
#   COPY --from=forge /usr/local/bin/forge /usr/local/bin/forge
#   COPY packaging/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
#   ENTRYPOINT ["docker-entrypoint.sh"]
#   CMD ["node", "server.js"]
#
# The database comes from DATABASE_URL (or forge.json). --wait retries the connection for up to
# FORGE_WAIT seconds (default 60) while the database is still starting. Replicas started together
# are safe: forge's migration lock lets one apply the units while the others wait, then find
# nothing to do. If migrating fails, the application does not start and the exit code is forge's.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: docker-entrypoint.sh <application> [arguments...]" >&2
  exit 2
fi

forge db:migrate --wait "${FORGE_WAIT:-60}"
exec "$@"
