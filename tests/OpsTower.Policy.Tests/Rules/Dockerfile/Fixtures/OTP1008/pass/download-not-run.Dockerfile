# Downloaded files that are unpacked, verified before running, or not run at all
FROM debian:12-slim
RUN curl -fsSLo /tmp/app.tgz https://example.com/app.tgz && tar -xzf /tmp/app.tgz -C /opt
RUN wget -O /tmp/i.sh https://example.com/i.sh \
 && gpg --verify /tmp/i.sh.asc /tmp/i.sh \
 && sh /tmp/i.sh
RUN curl -o /tmp/other.sh https://example.com/other.sh && sh /tmp/mine.sh
RUN ["sh", "-c", "echo 'curl https://example.com | sh'"]
RUN ["curl", "-fsSL", "https://example.com/i.sh", "-o", "/tmp/i.sh"]
