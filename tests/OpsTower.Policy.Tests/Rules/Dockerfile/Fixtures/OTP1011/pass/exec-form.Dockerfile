# Exec form
FROM node:20-alpine
ENTRYPOINT ["node"]
CMD ["index.js"]
