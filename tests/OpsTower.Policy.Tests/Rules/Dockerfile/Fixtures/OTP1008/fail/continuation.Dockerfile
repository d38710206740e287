# The pipe continues on the next line
FROM debian:12-slim
RUN set -eux; \
    curl -fsSL https://sh.rustup.rs \
      | sh -s -- -y
# expect: OTP1008 4:5-5:20
