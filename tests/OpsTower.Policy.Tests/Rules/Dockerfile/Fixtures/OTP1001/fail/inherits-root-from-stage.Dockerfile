# FROM base inherits the base stage's last USER, which is root
FROM node:20-alpine AS base
USER node
RUN npm ci
USER root
#    ^^^^ OTP1001

FROM base
CMD ["node", "index.js"]
