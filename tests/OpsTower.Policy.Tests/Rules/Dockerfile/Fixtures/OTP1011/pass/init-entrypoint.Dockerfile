# An init as exec-form ENTRYPOINT forwards signals to a shell-form CMD
FROM node:20-alpine
ENTRYPOINT ["/sbin/tini", "--"]
CMD node index.js
