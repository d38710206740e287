# A non-root user cannot bind port 80
FROM nginx:1.25-alpine
USER nginx
EXPOSE 80/tcp 8443
#      ^^^^^^ OTP1010 "'nginx'"
