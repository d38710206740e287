# wget into sudo bash, after other commands
FROM debian:12-slim
RUN apt-get update && wget -qO- https://deb.nodesource.com/setup_20.x | sudo -E bash -
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008 "into bash"
