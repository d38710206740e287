# An ARG default that pins a version
ARG NODE=18
FROM node:${NODE}-alpine
