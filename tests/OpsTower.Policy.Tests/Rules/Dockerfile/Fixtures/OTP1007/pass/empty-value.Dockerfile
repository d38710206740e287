# An empty value sets nothing
FROM alpine:3.19
ENV API_KEY=""
