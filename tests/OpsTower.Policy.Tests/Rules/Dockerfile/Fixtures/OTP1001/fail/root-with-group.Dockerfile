# USER root:root
FROM alpine:3.19
USER root:root
#    ^^^^^^^^^ OTP1001
