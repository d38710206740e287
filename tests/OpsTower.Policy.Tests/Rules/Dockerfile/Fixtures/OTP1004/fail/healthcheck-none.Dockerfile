# HEALTHCHECK NONE switches the check off
FROM nginx:1.25-alpine
EXPOSE 8080
HEALTHCHECK NONE
#           ^^^^ OTP1004 "HEALTHCHECK NONE"
