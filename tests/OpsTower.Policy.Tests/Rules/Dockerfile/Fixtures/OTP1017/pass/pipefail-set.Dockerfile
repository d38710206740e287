# pipefail from the SHELL (also inherited by a stage built on this one) or from set
FROM debian:12-slim AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
FROM base
RUN wget -qO- https://example.com/app.tar.gz | tar -xz -C /opt
FROM alpine:3.20
RUN set -euo pipefail; apk info | sort > /packages.txt
RUN set -o pipefail && apk info | sort > /packages.txt
RUN ["/bin/sh", "-c", "apk info | sort > /packages.txt"]
RUN echo "a | b" > /notes && test -f /notes || exit 1
RUN cat <<'NOTES' > /README
curl https://example.com | sort
NOTES
FROM mcr.microsoft.com/powershell:lts-debian-12
SHELL ["pwsh", "-Command"]
RUN Get-ChildItem | Select-Object Name
