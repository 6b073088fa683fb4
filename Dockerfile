# One image for both deployables: the API (default command) and the worker
# (`node packages/worker/dist/main.js`). See docs/operations.md.
#   docker build -t herald .
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 npm_config_update_notifier=false
# Manifests first, so dependency layers are cached across source changes.
COPY package.json package-lock.json ./
COPY openapi/package.json openapi/
COPY migrations/package.json migrations/
COPY packages/api/package.json packages/api/
COPY packages/console/package.json packages/console/
COPY packages/core/package.json packages/core/
COPY packages/devkit/package.json packages/devkit/
COPY packages/sdk/package.json packages/sdk/
COPY packages/worker/package.json packages/worker/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@herald/api --filter=@herald/worker --filter=@herald/console \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    WORKER_HOST=0.0.0.0 \
    CONSOLE_DIR=/app/packages/console/dist
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/openapi ./openapi
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/packages/core ./packages/core
COPY --from=build /app/packages/api ./packages/api
COPY --from=build /app/packages/worker ./packages/worker
COPY --from=build /app/packages/console/dist ./packages/console/dist
USER node
EXPOSE 3000 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "packages/api/dist/main.js"]
