# Upgrading named packages is targeted
FROM alpine:3.19
RUN apk add --no-cache --upgrade openssl
RUN apk upgrade --no-cache libcrypto3 libssl3
FROM rockylinux:9
RUN yum update -y openssl && yum clean all
