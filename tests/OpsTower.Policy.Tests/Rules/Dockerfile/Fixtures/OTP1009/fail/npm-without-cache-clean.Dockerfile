# npm ci without npm cache clean
FROM node:20-alpine
WORKDIR /app
RUN npm ci --omit=dev
#   ^^^^^^^^^^^^^^^^^ OTP1009 "npm cache clean --force"
