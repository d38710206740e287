# Values that are only variable references
FROM alpine:3.19
ARG DB_PASSWORD
ENV DB_PASSWORD=$DB_PASSWORD
ENV API_TOKEN=${API_TOKEN}
