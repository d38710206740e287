# The HEALTHCHECK of the stage the final one builds on
FROM nginx:1.25-alpine AS base
HEALTHCHECK CMD wget -qO- http://localhost:8080/ || exit 1

FROM base
EXPOSE 8080
