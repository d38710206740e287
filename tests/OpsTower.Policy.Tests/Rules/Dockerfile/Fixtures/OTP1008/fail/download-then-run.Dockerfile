# Downloading to a file and running it is no better than a pipe
FROM debian:12-slim
RUN curl -fsSLo /tmp/i.sh https://example.com/i.sh && sh /tmp/i.sh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008 "runs /tmp/i.sh, downloaded by curl"
RUN wget -q https://example.com/setup.sh \
 && chmod +x setup.sh \
 && ./setup.sh --prefix=/opt
# expect: OTP1008 5:5-7:29
RUN curl --output /usr/local/bin/tool https://example.com/tool && chmod +x /usr/local/bin/tool && /usr/local/bin/tool init
# expect: OTP1008 9:5-9:123
RUN wget -O /tmp/b.sh https://example.com/b.sh && bash -o pipefail /tmp/b.sh
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008 "runs /tmp/b.sh, downloaded by wget"
