# The moving tag latest
FROM node:latest AS build
#    ^^^^^^^^^^^ OTP1002 "'latest'"
FROM nginx:1.25-alpine
