# syntax=docker/dockerfile:1
# Multi-stage image on the current Node LTS. Runs both apps (FHIR API :8080, auth :8081) as a non-root user.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 may compile from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY fhir-packages ./fhir-packages
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
# MALLOC_ARENA_MAX: the product's runtime environment (scripts/runtime-env.mjs says why; npm's start scripts set it too).
ENV NODE_ENV=production DATA_DIR=/var/lib/fhir-facade MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
# Runtime assets read from the source tree: the customer's DDL (demo tooling) and the US Core package.
COPY --from=build /app/libs/legacy-db/ddl ./libs/legacy-db/ddl
COPY --from=build /app/fhir-packages ./fhir-packages
RUN mkdir -p /var/lib/fhir-facade && chown node:node /var/lib/fhir-facade
USER node
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.FHIR_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/launcher/src/main.js"]
