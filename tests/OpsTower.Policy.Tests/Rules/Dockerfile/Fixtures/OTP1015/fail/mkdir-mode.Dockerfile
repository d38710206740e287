# mkdir -m
FROM alpine:3.19
RUN mkdir -p -m 777 /shared
#               ^^^ OTP1015 "mkdir 777"
