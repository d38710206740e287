# Tar archives are what ADD is for
FROM alpine:3.19
ADD rootfs.tar.xz /
ADD vendor.tgz /opt/
ADD releases/*.tar.gz /opt/releases/
