# Owner-writable modes, removing write, and sticky directories
FROM alpine:3.19
RUN chmod 755 /app && chmod -R u+rwX,go+rX /srv && chmod -w /etc/app.conf && chmod go-w /opt
RUN chmod 1777 /scratch && chmod +t,o+w /shared && chmod 775 /data
COPY --chmod=755 entrypoint.sh /
