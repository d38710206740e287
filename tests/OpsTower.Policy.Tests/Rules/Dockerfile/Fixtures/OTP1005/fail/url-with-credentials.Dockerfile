# Credentials in the URL are not repeated in the message
FROM alpine:3.19
ADD https://deploy:hunter2@artifacts.example.com/app.tar.gz /opt/
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1005 "https://***@artifacts.example.com/app.tar.gz"
