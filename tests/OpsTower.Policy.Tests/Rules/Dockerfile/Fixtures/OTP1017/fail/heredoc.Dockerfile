# A here-document the shell runs
FROM alpine:3.20
RUN <<EOF
set -e
apk info | sort > /packages.txt
EOF
# expect: OTP1017 5:1-5:32
