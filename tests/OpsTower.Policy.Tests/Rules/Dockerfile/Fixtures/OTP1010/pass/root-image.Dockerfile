# Root can bind privileged ports (OTP1001 reports the root user)
FROM nginx:1.25-alpine
EXPOSE 80
