# A failed download before the pipe would not fail the build
FROM debian:12-slim
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1017 "pipes without pipefail"
RUN set -eux; \
    wget -qO- https://example.com/app.tar.gz \
      | tar -xz -C /opt
# expect: OTP1017 6:5-7:24
