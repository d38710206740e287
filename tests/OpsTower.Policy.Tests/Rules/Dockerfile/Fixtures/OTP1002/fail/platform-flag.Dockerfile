# The image after a --platform flag
FROM --platform=$BUILDPLATFORM golang AS build
#                              ^^^^^^ OTP1002
