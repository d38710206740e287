# No tag means latest
FROM ubuntu
#    ^^^^^^ OTP1002 "no tag"
USER nobody
