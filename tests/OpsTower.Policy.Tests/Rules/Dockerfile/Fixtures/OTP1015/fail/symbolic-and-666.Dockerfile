# Symbolic o+w / a+rwx and octal 666
FROM alpine:3.19
RUN chmod o+w /etc/app.conf && chmod a+rwx /opt/tool && chmod 0666 /var/log/app.log
#         ^^^ OTP1015
#                                    ^^^^^ OTP1015
#                                                             ^^^^ OTP1015
