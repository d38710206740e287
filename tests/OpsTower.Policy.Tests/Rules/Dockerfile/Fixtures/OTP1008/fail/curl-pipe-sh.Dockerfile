# The classic
FROM debian:12-slim
RUN curl -fsSL https://get.docker.com | sh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008 "pipes a download from curl into sh"
