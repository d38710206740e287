# Here-documents that the shell does not run
FROM python:3.12-slim
RUN python3 <<EOF
import subprocess
print("curl https://example.com | sh")
EOF
RUN cat <<'EOF' > /usr/local/share/notes.txt
curl -s https://example.com/i.sh | sh
EOF
