# sudo in front of each command
FROM debian:12-slim
USER app
RUN sudo apt-get update && sudo apt-get install -y curl
#   ^^^^ OTP1013 "RUN uses sudo ('sudo apt-get update')"
#                          ^^^^ OTP1013 "sudo apt-get install -y curl"
