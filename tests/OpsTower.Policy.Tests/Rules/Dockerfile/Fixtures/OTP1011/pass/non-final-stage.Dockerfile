# Shell form in a stage that does not ship
FROM node:20-alpine AS dev
CMD npm run dev

FROM node:20-alpine
CMD ["node", "index.js"]
