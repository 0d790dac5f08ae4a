#!/bin/sh
# Entrypoint of the Docker image (see Dockerfile): applies pending migrations, then runs the command,
# by default `node scripts/server.cjs`. A failed or refused migration stops the container with its message
# (Chinese + English) instead of starting a server on a schema it does not match.
set -eu

# The image's /app: the migrations are found relative to the working directory.
cd "$(dirname "$0")/.."
node scripts/migrate.cjs
exec "$@"
