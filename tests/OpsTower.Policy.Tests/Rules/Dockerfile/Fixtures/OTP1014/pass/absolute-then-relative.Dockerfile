# Relative after absolute is well defined
FROM node:20-alpine
WORKDIR /app
WORKDIR src
