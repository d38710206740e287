# An ARG default of latest, resolved in FROM
ARG TAG=latest
FROM node:${TAG}
#    ^^^^^^^^^^^ OTP1002 "resolved from"
