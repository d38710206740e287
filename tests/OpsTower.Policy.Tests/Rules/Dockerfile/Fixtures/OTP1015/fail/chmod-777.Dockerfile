# chmod 777, recursive
FROM alpine:3.19
RUN mkdir -p /app/data && chmod -R 777 /app
#                                  ^^^ OTP1015 "chmod 777 makes '/app' writable by every user"
