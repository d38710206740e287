# A SHELL that is bash without -o pipefail, and pipefail set only after the pipe
FROM debian:12-slim AS base
SHELL ["/bin/bash", "-e", "-c"]
RUN ps aux | grep -v grep | wc -l > /tmp/count
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1017 "the shell is /bin/bash"
FROM base
RUN cat /etc/os-release | head -n 1 && set -o pipefail
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1017
