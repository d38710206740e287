# An ARG without a value is how a build argument is declared
FROM node:20-alpine
ARG NPM_TOKEN
