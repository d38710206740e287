# A service that exposes a port but declares no health check
FROM node:20-alpine
#    ^^^^^^^^^^^^^^ OTP1004 "exposes 3000"
USER node
EXPOSE 3000
CMD ["node", "index.js"]
