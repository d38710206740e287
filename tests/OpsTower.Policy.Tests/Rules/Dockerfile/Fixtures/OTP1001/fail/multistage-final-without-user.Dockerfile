# The builder's USER does not carry into a final stage built FROM an image
FROM golang:1.22 AS build
USER nobody
RUN go build -o /out/app ./cmd/app

FROM debian:12-slim
#    ^^^^^^^^^^^^^^ OTP1001
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
