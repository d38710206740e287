# An ARG before the first FROM
ARG GITHUB_TOKEN=ghp_0123456789abcdef
#                ^^^^^^^^^^^^^^^^^^^^ OTP1007
FROM alpine:3.19
