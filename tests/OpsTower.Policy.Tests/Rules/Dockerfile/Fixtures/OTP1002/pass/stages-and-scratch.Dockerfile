# scratch and earlier stage names are not images to pin
FROM golang:1.22 AS builder
RUN go build -o /app .
FROM builder AS tested
RUN go test ./...
FROM scratch
COPY --from=tested /app /app
