# Application ports only
FROM nginx:1.25-alpine
EXPOSE 80 443/tcp 8000-8010
