# Names that point at a secret file
FROM postgres:16-alpine
ENV POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password
ENV TOKEN_PATH=/var/run/secrets/token
