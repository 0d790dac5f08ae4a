# syntax=docker/dockerfile:1
#
# Xuanchuan CMS server image: Next's standalone output, our server in front of it, and the migration runner.
#   docker build -t xuanchuan-cms .
#   docker run -e DATABASE_URL=postgresql://… -e AUTH_SECRET=… -p 3000:3000 -v cms-data:/data xuanchuan-cms
# docker-compose.yml runs it together with PostgreSQL. At every start the container applies pending
# migrations (prisma/migrations) and then starts the server; several replicas may start at once (the
# runner serialises them with an advisory lock).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: every dependency, exactly as package-lock.json pins them -----------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the image's npm 10 does not know package.json's `allowScripts` and would run the
# install scripts that npm 11 denies (prisma and @prisma/engines download native engines the app does not
# use). Our own postinstall (`prisma generate`) runs in the build stage: `npm run build` starts with it.
RUN npm ci --ignore-scripts --no-audit --no-fund

# ---- build: prisma generate + next build, and the migration runner as one plain JS file -------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# `next build` loads the route modules, which parse the configuration: give it throwaway values. Nothing
# connects to this URL, and neither value reaches the runtime image.
RUN NEXT_OUTPUT_STANDALONE=1 \
    DATABASE_URL=postgresql://build:build@127.0.0.1:5432/build \
    AUTH_SECRET=build-time-placeholder-never-used-at-runtime \
    npm run build
# scripts/migrate.ts (migrations, first admin, optional demo content) bundled into one file: the runtime
# image needs neither tsx nor the TypeScript sources. pg-native is pg's optional native driver (unused);
# argon2 and sharp are native packages the standalone output already carries in node_modules.
RUN node_modules/.bin/esbuild scripts/migrate.ts --bundle --platform=node --target=node20 --format=cjs \
      --external:pg-native --external:@node-rs/argon2 --external:sharp \
      --log-level=warning --outfile=docker-build/migrate.cjs
# The one-time upgrade step of docs/roles.md, bundled the same way (server-only resolves to its
# react-server export; the embedded PostgreSQL is never needed in the image).
RUN node_modules/.bin/esbuild scripts/create-security-admin.ts --bundle --platform=node --target=node20 --format=cjs \
      --conditions=react-server --external:pg-native --external:@node-rs/argon2 --external:sharp --external:embedded-postgres \
      --log-level=warning --outfile=docker-build/create-security-admin.cjs
# The server (scripts/server.ts: Next behind the public pages' fast path) likewise; `next` itself comes
# from the standalone output's node_modules.
RUN node_modules/.bin/esbuild scripts/server.ts --bundle --platform=node --target=node20 --format=cjs \
      --external:next --log-level=warning --outfile=docker-build/server.cjs

# ---- runtime -------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data

# The standalone output: the traced node_modules and .next/server (its own server.js is not used:
# scripts/server.cjs runs Next with the public fast path in front). Static assets and public/
# are not part of it and are copied next to it, as Next's documentation asks.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# What runs the migrations at start: the SQL files and the bundled runner (see the build stage).
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/docker-build/migrate.cjs ./scripts/migrate.cjs
COPY --from=build /app/docker-build/create-security-admin.cjs ./scripts/create-security-admin.cjs
COPY --from=build /app/docker-build/server.cjs ./scripts/server.cjs
COPY --chmod=0755 scripts/docker-entrypoint.sh ./scripts/docker-entrypoint.sh

# The code stays owned by root (read-only for the server); the server writes only uploads and secrets
# under /data and Next's cache. The `node` user (uid 1000) comes with the base image.
RUN mkdir -p /data/uploads /data/static /app/.next/cache \
 && chown -R node:node /data /app/.next/cache
USER node
VOLUME ["/data"]

EXPOSE 3000
# Node's own fetch: the slim image has no curl or wget. /api/health answers 200 while the database does.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["node", "scripts/server.cjs"]
