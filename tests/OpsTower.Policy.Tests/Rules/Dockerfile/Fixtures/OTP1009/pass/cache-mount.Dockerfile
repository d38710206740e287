# A BuildKit cache mount keeps the cache out of the layer
FROM debian:12-slim
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt \
    apt-get update && apt-get install -y curl
