# A literal password in ENV
FROM postgres:16-alpine
ENV POSTGRES_PASSWORD=hunter2
#                     ^^^^^^^ OTP1007 "ENV POSTGRES_PASSWORD sets a literal value (redacted"
