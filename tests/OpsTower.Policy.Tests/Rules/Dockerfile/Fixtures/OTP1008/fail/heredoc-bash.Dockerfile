# A here-document fed to bash
FROM debian:12-slim
RUN bash <<'SCRIPT'
  curl -s https://example.com/a.sh | bash
SCRIPT
# expect: OTP1008 4:3-4:42
