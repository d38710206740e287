# The shell replaces itself with exec
FROM node:20-alpine
CMD cd /app && exec node index.js
