# A USER given by a variable cannot be judged
FROM alpine:3.19
ARG APP_UID
USER ${APP_UID}
