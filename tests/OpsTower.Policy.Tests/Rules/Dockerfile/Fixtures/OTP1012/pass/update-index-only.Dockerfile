# Refreshing the package index is not an upgrade
FROM debian:12-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN echo "apt-get upgrade"
