# Wrapped in sudo, across continuation lines
FROM debian:12-slim
RUN sudo apt-get update && \
    sudo apt-get install -y \
        curl
# expect: OTP1009 4:5-5:13
