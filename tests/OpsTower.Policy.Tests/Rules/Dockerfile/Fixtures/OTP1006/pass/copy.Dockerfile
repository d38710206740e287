# COPY is fine
FROM alpine:3.19
COPY package.json /app/
