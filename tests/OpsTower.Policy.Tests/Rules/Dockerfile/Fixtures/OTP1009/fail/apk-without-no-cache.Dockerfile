# apk add without --no-cache
FROM alpine:3.19
RUN apk add curl git
#   ^^^^^^^^^^^^^^^^ OTP1009 "apk add --no-cache"
