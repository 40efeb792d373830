# syntax=docker/dockerfile:1
# starcoach: the Slack app and/or Discord bot (whichever tokens are set), health checks on /healthz.
#   docker build -t starcoach .
#   docker run --env-file .env -p 3000:3000 -v starcoach-data:/data starcoach
# test/package/packed-install.test.ts performs the same install and start steps without Docker.

# 1. Compile TypeScript with every dependency.
FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY adapters adapters
RUN npm run build

# 2. Production dependencies only, from the lockfile; sqlite3's native part built for this image.
FROM node:20-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm rebuild sqlite3

# 3. What runs: node, production node_modules, the compiled dist/ and the data files. No compiler,
#    no TypeScript loader, no tests. A non-root user; state on the /data volume.
FROM node:20-slim
ENV NODE_ENV=production \
    STARCOACH_STORE_URL=sqlite:///data/starcoach.sqlite \
    STARCOACH_HTTP_PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json LICENSE README.md ./
COPY bin bin
COPY content content
COPY prompts prompts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.STARCOACH_HTTP_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself; starcoach finishes what is in flight and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/starcoach"]
