# The deprecated instruction
FROM debian:12-slim
MAINTAINER Platform Team <platform@example.com>
# expect: OTP1021 3:1-3:48 "org.opencontainers.image.authors"
