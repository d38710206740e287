# ADD of a plain file
FROM alpine:3.19
ADD package.json /app/
# expect: OTP1006 3:1-3:4 "'package.json'"
