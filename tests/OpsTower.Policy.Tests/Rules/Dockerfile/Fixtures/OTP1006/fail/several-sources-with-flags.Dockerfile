# ADD of several plain sources, with --chown
FROM alpine:3.19
ADD --chown=app:app src/ config.yaml /app/
# expect: OTP1006 3:1-3:4 "'src/', 'config.yaml'"
