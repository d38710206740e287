# A default token in ARG
FROM node:20-alpine
ARG NPM_TOKEN=npm_abcdefghijklmnop
#             ^^^^^^^^^^^^^^^^^^^^ OTP1007 "ARG NPM_TOKEN"
RUN npm ci
