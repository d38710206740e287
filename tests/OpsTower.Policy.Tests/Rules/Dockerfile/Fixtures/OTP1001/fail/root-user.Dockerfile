# An explicit USER root
FROM node:20-alpine
USER root
#    ^^^^ OTP1001 "'root'"
CMD ["node", "index.js"]
