# A range starting below 1024
FROM alpine:3.19
USER 1000
EXPOSE 1000-1100
#      ^^^^^^^^^ OTP1010
