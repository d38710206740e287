# CRLF line endings
FROM alpine:3.19
USER root
#    ^^^^ OTP1001
