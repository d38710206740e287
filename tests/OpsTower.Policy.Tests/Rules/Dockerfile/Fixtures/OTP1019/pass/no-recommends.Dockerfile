# Recommends skipped, or installed in a builder stage that does not ship
FROM debian:12-slim AS builder
RUN apt-get update && apt-get install -y build-essential
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-get install -y -o APT::Install-Recommends=false git
COPY --from=builder /usr/bin/make /usr/bin/make
