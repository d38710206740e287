# CRLF line endings
FROM alpine
#    ^^^^^^ OTP1002
