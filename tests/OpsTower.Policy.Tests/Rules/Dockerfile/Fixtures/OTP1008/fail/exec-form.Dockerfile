# An exec-form shell runs its -c script like the shell form
FROM debian:12-slim
RUN ["/bin/sh", "-c", "curl -fsSL https://get.example.com | sh"]
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1008
RUN ["bash", "-eo", "pipefail", "-c", \
     "apt-get update && wget -qO- \"https://example.com/i.sh\" | bash"]
# expect: OTP1008 6:25-6:70
RUN ["sh", "-c", "echo \"start\" && curl -fsSL https://x.example.com/i.sh \u007c sh"]
# expect: OTP1008 8:37-8:84 "into sh"
