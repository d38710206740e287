# One of each per stage; a later stage may set its own
FROM node:20-alpine AS test
CMD ["npm", "test"]
FROM node:20-alpine
ENTRYPOINT ["dumb-init", "--"]
CMD ["node", "server.js"]
ONBUILD CMD ["node", "child.js"]
