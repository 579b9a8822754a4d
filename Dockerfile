# One image for every Tocsin service; the compose `command` (or `docker run tocsin <command>`)
# picks which: ingest, dispatcher, notifier --integration=<type>, check-config, ...

# 1. Install everything (dev dependencies too) and compile every workspace to dist/.
#    The full Debian image has python3, make and g++ for native modules (re2).
FROM node:20-bookworm AS build
WORKDIR /app
RUN npm install --global npm@11.19.1
COPY . .
RUN npm ci && npx turbo run build
# The manifests alone, for the production install below.
RUN mkdir /manifests \
 && cp package.json package-lock.json /manifests/ \
 && find packages services test -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \; \
 && mkdir /dists \
 && find packages services -mindepth 2 -maxdepth 2 -name dist -type d -exec cp -r --parents {} /dists/ \;

# 2. Production dependencies only (workspace links included), built for the same Debian.
FROM node:20-bookworm AS production-deps
WORKDIR /app
RUN npm install --global npm@11.19.1
COPY --from=build /manifests/ ./
RUN npm ci --omit=dev && npm cache clean --force

# 3. The runtime image: slim Node, compiled code, production node_modules, a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-deps /app/ ./
COPY --from=build /dists/ ./
COPY packages/cli/bin/ packages/cli/bin/
# The image's `node` user (uid 1000) runs Tocsin; it owns nothing it could rewrite.
USER node
# Alertmanager's ports: 9093 for the API (ingest); dispatcher and notifiers serve /metrics on
# the address given with --web.listen-address.
EXPOSE 9093
ENTRYPOINT ["node", "packages/cli/bin/tocsin.js"]
CMD ["--help"]
