# COPY and ADD --chmod
FROM alpine:3.19
COPY --chmod=777 entrypoint.sh /entrypoint.sh
#            ^^^ OTP1015 "COPY --chmod=777"
ADD --chmod=o+w config.tar.gz /etc/
#           ^^^ OTP1015
