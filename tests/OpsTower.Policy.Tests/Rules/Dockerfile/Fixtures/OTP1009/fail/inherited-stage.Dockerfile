# A stage the final image builds on ships its layers
FROM alpine:3.19 AS base
RUN apk add bash
#   ^^^^^^^^^^^^ OTP1009

FROM base
CMD ["bash"]
