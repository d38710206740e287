# A port from a variable is not judged
FROM alpine:3.19
ARG PORT=80
USER app
EXPOSE ${PORT}
