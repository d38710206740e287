# apt-get install leaves /var/lib/apt/lists
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1009 "rm -rf /var/lib/apt/lists/*"
