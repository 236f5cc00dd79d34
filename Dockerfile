# STAR Coach for a container: `docker compose up` runs two instances on PostgreSQL behind nginx (compose.yaml).
# CI does not build this image (no container engine there): test/deploy/dockerfile-steps.test.ts runs these
# steps on the host instead.

# Build: the full install (which also compiles dist/ and caches the validated question bank in .cache/, through
# the `prepare` script), then drop the development tools. The full Debian image has the compiler better-sqlite3
# falls back to when no prebuilt binary fits.
FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm prune --omit=dev --no-audit --no-fund

# Runtime: the build, the production dependencies, the content and the migrations; nothing else.
# The app files stay owned by root and read-only to the app, which runs as the image's unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/home/node/data/star-coach.db
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/.cache ./.cache
COPY --from=build /app/content ./content
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/scripts/healthcheck.mjs ./scripts/healthcheck.mjs
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "dist/main.js"]
