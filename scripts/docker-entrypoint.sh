#!/bin/sh
# Entrypoint of the Docker image (see Dockerfile): applies pending migrations, then runs the command,
# by default `node scripts/server.cjs`. A failed or refused migration stops the container with its message
# (Chinese + English) instead of starting a server on a schema it does not match.
set -eu

# The image's /app: the migrations are found relative to the working directory.
cd "$(dirname "$0")/.."
node scripts/migrate.cjs
# The owner's credentials are for the migrations only; the server runs with the app's role alone.
unset MIGRATION_DATABASE_URL
exec "$@"
