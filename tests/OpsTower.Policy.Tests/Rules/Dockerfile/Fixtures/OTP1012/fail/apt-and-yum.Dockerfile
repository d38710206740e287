# apt-get upgrade, dist-upgrade and a yum update of everything
FROM debian:12-slim
RUN apt-get update && apt-get -y upgrade && apt-get dist-upgrade -y
#                     ^^^^^^^^^^^^^^^^^^ OTP1012
#                                           ^^^^^^^^^^^^^^^^^^^^^^^ OTP1012
FROM rockylinux:9
RUN yum -y update && yum clean all
#   ^^^^^^^^^^^^^ OTP1012
