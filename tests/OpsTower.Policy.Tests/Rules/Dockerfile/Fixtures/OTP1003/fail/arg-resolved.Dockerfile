# ARG defaults are resolved before checking
ARG VERSION=3.19
FROM alpine:${VERSION}
#    ^^^^^^^^^^^^^^^^^ OTP1003 "'alpine:3.19'"
