# Version tags
FROM node:20.11-alpine3.19 AS build
FROM nginx:1.25.3-alpine
