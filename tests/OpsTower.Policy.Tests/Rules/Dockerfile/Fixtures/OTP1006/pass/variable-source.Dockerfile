# A source from a variable might be an archive
FROM alpine:3.19
ARG BUNDLE
ADD ${BUNDLE} /opt/
