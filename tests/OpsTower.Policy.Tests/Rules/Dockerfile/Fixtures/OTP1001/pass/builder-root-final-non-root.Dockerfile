# Builder stages may run as root; only the final stage counts
FROM golang:1.22 AS build
USER root
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
USER 65532:65532
ENTRYPOINT ["/app"]
