# BuildKit secret mounts are the fix
# syntax is docker/dockerfile 1.7
FROM node:20-alpine
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
