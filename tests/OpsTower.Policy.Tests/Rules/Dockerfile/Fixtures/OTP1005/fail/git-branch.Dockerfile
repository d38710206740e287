# A Git source at a branch
FROM alpine:3.19
ADD https://github.com/moby/buildkit.git#v0.13 /src
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1005 "pin a full commit"
ADD git@github.com:org/private.git /private
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1005
