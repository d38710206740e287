# Neither the stage nor its base stage set an absolute WORKDIR
FROM node:20-alpine AS base
RUN npm --version

FROM base
WORKDIR src
#       ^^^ OTP1014
