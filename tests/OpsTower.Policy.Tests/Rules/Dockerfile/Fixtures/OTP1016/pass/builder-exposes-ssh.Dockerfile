# A stage that does not ship
FROM debian:12-slim AS debug
EXPOSE 22

FROM debian:12-slim
EXPOSE 8080
