# Inside a here-document
FROM debian:12-slim
RUN <<EOF
apt-get update
apt-get install -y curl
EOF
# expect: OTP1009 5:1-5:24
