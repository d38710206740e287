# Earlier stages by name or index, image references and variables
ARG BASE=builder
FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static-debian12
COPY --from=builder /out/app /app
COPY --from=BUILDER /out/app /app2
COPY --from=0 /out/app /app3
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
COPY --from=ghcr.io/example/tools /bin/tool /bin/tool
COPY --from=${BASE} /out/app /app4
