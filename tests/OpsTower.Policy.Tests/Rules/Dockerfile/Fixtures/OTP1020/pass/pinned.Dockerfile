# Pinned versions, lock files, local paths and variables
FROM python:3.12-alpine
ARG CURL_VERSION=8.5.0-r0
RUN apk add --no-cache curl=${CURL_VERSION} musl-dev~1.2 "libffi>3.4" ./local.apk
RUN pip install --no-cache-dir -r requirements.txt -c constraints.txt flask==3.0.3 "django>=5,<6" . ./pkgs/tool.whl
RUN npm ci && npm install && npm install -g typescript@5.4.5 @angular/cli@17.3.0 ./vendor/lib.tgz
RUN yarn add left-pad && gem install rails && pipx install poetry
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 /tmp/tool.deb && rm -rf /var/lib/apt/lists/*
