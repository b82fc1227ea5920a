# syntax=docker/dockerfile:1
# Build stage: native modules (better-sqlite3, hnswlib-node) need a toolchain; the runtime does not.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY test/support ./test/support
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production JOBSCOUT_DATA_DIR=/data
WORKDIR /app
RUN useradd --system --uid 10001 jobscout && mkdir -p /data && chown jobscout /data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY prompts ./prompts
USER jobscout
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/jobscout.js"]
CMD ["start"]
