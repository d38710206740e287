# apt-get install waits for a confirmation
FROM debian:12-slim
RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1018 "add -y"
RUN apt-get update \
 && sudo apt -q install \
      git \
 && rm -rf /var/lib/apt/lists/*
# expect: OTP1018 6:5-7:10
RUN ["sh", "-c", "apt-get -o Dpkg::Use-Pty=0 install ca-certificates"]
#                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1018
