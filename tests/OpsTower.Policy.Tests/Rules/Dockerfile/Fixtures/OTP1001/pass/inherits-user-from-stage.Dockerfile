# FROM base inherits the base stage's non-root USER
FROM node:20-alpine AS base
USER node

FROM base AS final
COPY . /home/node/app
CMD ["node", "/home/node/app/index.js"]
