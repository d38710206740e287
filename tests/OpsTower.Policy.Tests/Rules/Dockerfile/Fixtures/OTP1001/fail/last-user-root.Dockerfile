# Only the last USER counts: app, then back to root
FROM alpine:3.19
USER app
RUN id
USER root
#    ^^^^ OTP1001
