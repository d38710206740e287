# A relative WORKDIR depends on the base image's working directory
FROM node:20-alpine
WORKDIR app
#       ^^^ OTP1014 "WORKDIR 'app'"
WORKDIR /srv
WORKDIR data
