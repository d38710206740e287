# Privileged steps before USER; installing the sudo package is another matter
FROM debian:12-slim
RUN apt-get update && apt-get install -y curl sudo && rm -rf /var/lib/apt/lists/*
USER app
RUN echo "sudo is not used here"
