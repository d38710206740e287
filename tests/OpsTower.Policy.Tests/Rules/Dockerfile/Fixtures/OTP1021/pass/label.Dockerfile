# The label replaces it
FROM debian:12-slim
LABEL org.opencontainers.image.authors="Platform Team <platform@example.com>"
RUN echo "MAINTAINER nobody" > /notes
