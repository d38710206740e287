# URL credentials are not repeated in the message
FROM debian:12-slim
RUN curl -s https://ci:t0ken@internal.example.com/i.sh | sh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008 "https://***@internal.example.com/i.sh"
