# yum and dnf installs without clean all
FROM rockylinux:9
RUN yum install -y httpd
#   ^^^^^^^^^^^^^^^^^^^^ OTP1009 "yum clean all"
RUN dnf -y install nginx && dnf clean packages
#   ^^^^^^^^^^^^^^^^^^^^ OTP1009 "dnf clean all"
