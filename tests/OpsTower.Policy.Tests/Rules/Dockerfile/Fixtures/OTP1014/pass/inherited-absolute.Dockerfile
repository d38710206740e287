# The base stage set an absolute WORKDIR
FROM node:20-alpine AS base
WORKDIR /app

FROM base
WORKDIR dist
