# A filter between download and shell does not help
FROM debian:12-slim
RUN curl -s https://example.com/i.sh | tee /tmp/i.log | bash
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008
