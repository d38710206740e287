# A download with nothing to verify it
FROM alpine:3.19
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1005 "without --checksum"
