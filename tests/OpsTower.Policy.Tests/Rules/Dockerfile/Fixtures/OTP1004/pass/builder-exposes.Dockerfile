# Only a builder stage exposes a port; the final image is a one-shot job
FROM node:20-alpine AS dev
EXPOSE 3000
CMD ["npm", "run", "dev"]

FROM alpine:3.19
COPY migrate /migrate
CMD ["/migrate"]
