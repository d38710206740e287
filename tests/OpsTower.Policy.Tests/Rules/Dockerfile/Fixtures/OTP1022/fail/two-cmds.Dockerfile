# The first CMD and ENTRYPOINT of the stage have no effect
FROM node:20-alpine
ENTRYPOINT ["docker-entrypoint.sh"]
# expect: OTP1022 3:1-3:36 "the ENTRYPOINT on line 7"
CMD ["npm", "run", "migrate"]
# expect: OTP1022 5:1-5:30 "the CMD on line 8"
ENTRYPOINT ["dumb-init", "--"]
CMD ["node", "server.js"]
