# The shell-form CMD of the stage the final one builds on
FROM node:20-alpine AS base
CMD node server.js
#   ^^^^^^^^^^^^^^ OTP1011

FROM base
COPY . /app
