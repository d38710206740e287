# A dedicated user as the last USER
FROM node:20-alpine
RUN addgroup -S app && adduser -S app -G app
USER app
CMD ["node", "index.js"]
