# Recommended packages in the shipped stage
FROM debian:12-slim AS base
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
#                     ^^^^^^^^^^^^^^^^^^^^^^^ OTP1019 "--no-install-recommends"
FROM base
RUN apt-get update \
 && apt-get install -y \
      git make \
 && rm -rf /var/lib/apt/lists/*
# expect: OTP1019 7:5-8:15
