# Inside a here-document the shell runs
FROM debian:12-slim
RUN <<EOF
set -eux
apt-get update
curl -fsSL https://get.example.com/install.sh | sh
EOF
# expect: OTP1008 6:1-6:51
