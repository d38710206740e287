# Packages without versions
FROM python:3.12-alpine
RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0
#                                            ^^^ OTP1020 "apk installs 'gcc' without a version"
RUN pip install --no-cache-dir -r requirements.txt flask gunicorn==22.0.0
#                                                  ^^^^^ OTP1020 "pin it (flask==<version>)"
RUN python3 -m pip install --no-cache-dir \
      'requests[socks]'
# expect: OTP1020 8:7-8:24
RUN npm install -g typescript@5.4.5 @angular/cli pnpm@latest && npm cache clean --force
#                                   ^^^^^^^^^^^^ OTP1020
#                                                ^^^^^^^^^^^ OTP1020
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*
#                                                                ^^^^ OTP1020 "curl=<version>"
