# Ops Tower spec 3.2, security hardening example
FROM node:18-alpine
#    ^^^^^^^^^^^^^^ OTP1004 "server program 'node'"

# Create non-root user
RUN addgroup -g 1001 -S appuser && \
    adduser -S appuser -u 1001 -G appuser

# Install security updates
RUN apk update && apk upgrade && \
    apk add --no-cache dumb-init && \
    rm -rf /var/cache/apk/*

# Set up application directory
WORKDIR /app
RUN chown -R appuser:appuser /app

# Copy and install dependencies as non-root
USER appuser
COPY --chown=appuser:appuser package*.json ./
RUN npm ci --only=production && npm cache clean --force

# Copy application code
COPY --chown=appuser:appuser . .

# Security configurations
ENV NODE_ENV=production
ENV NPM_CONFIG_LOGLEVEL=warn

# Remove unnecessary packages
RUN npm prune --production

# Use dumb-init to handle signals properly
ENTRYPOINT ["dumb-init", "--"]
CMD ["node", "index.js"]
