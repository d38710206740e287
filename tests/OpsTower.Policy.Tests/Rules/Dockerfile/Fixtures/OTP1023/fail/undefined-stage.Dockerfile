# A misspelt stage, a stage defined later and a bad index
FROM golang:1.22 AS builder
RUN go build -o /out/app ./cmd/app
FROM gcr.io/distroless/static-debian12 AS final
COPY --from=buidler /out/app /app
#           ^^^^^^^ OTP1023 "names no stage"
COPY --from=assets /site /site
#           ^^^^^^ OTP1023 "defined later (line 11)"
COPY --from=3 /x /x
#           ^ OTP1023 "not an earlier stage"
FROM alpine:3.20 AS assets
