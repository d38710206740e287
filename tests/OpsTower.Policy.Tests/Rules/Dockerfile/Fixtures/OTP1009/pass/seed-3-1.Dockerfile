# Ops Tower spec 3.1, services/user-service/Dockerfile (multi-stage build)
FROM node:18-alpine AS builder

WORKDIR /app
COPY package*.json ./
RUN npm ci --only=production && npm cache clean --force

FROM node:18-alpine AS development
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
EXPOSE 3000
CMD ["npm", "run", "dev"]

FROM builder AS production-builder
COPY . .
RUN npm run build && npm prune --production

FROM node:18-alpine AS production
RUN addgroup -g 1001 -S nodejs && \
    adduser -S nextjs -u 1001

WORKDIR /app
COPY --from=production-builder --chown=nextjs:nodejs /app/dist ./dist
COPY --from=production-builder --chown=nextjs:nodejs /app/node_modules ./node_modules
COPY --from=production-builder --chown=nextjs:nodejs /app/package.json ./package.json

USER nextjs
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
  CMD curl -f http://localhost:3000/health || exit 1

CMD ["node", "dist/index.js"]
