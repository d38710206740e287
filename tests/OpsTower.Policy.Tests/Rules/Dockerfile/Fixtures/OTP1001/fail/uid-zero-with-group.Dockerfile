# USER 0:0 is root by UID
FROM alpine:3.19
USER 0:0
#    ^^^ OTP1001 "'0:0'"
