# Download to a file, verify, then run
FROM debian:12-slim
ARG SHA256=5b2b8c3e0ab7b4d7cd9a8f1e1a3f7e8c9d0a1b2c3d4e5f60718293a4b5c6d7e8
RUN curl -fsSLo /tmp/i.sh https://example.com/i.sh \
 && echo "${SHA256}  /tmp/i.sh" | sha256sum -c - \
 && sh /tmp/i.sh
