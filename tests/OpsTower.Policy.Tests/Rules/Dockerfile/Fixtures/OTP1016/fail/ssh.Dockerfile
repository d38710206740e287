# SSH exposed next to the app
FROM debian:12-slim
EXPOSE 8080 22/tcp
#           ^^^^^^ OTP1016 "port 22"
