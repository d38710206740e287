# Ports from 1024 up
FROM nginx:1.25-alpine
USER nginx
EXPOSE 8080 1024/udp
