# Local sources are OTP1006's business
FROM alpine:3.19
ADD rootfs.tar.gz /
ADD config.json /etc/app/
