# No USER anywhere: runs as the base image's root
FROM node:20-alpine
#    ^^^^^^^^^^^^^^ OTP1001 "no USER"
WORKDIR /app
COPY . .
CMD ["node", "index.js"]
