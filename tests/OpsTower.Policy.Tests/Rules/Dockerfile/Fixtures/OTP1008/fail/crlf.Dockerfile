# CRLF line endings, with a continuation
FROM debian:12-slim
RUN curl -fsSL https://x.example.com/a.sh | sh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008
RUN wget -qO- https://x.example.com/b.sh \
    | bash
# expect: OTP1008 5:5-6:11
