# USER 0
FROM alpine:3.19
USER 0
#    ^ OTP1001
