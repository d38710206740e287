# sudo with options, behind an assignment, in a here-document
FROM node:20-alpine
RUN HOME=/home/app sudo -u app -E npm ci
#                  ^^^^ OTP1013
RUN <<EOF
sudo chown -R app /app
EOF
# expect: OTP1013 6:1-6:5
