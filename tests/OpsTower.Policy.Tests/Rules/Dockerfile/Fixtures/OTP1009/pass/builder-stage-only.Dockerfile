# Builder stages used only through COPY --from do not ship
FROM node:20-alpine AS build
RUN apk add python3 make g++
RUN npm ci && npm run build

FROM nginx:1.25-alpine
COPY --from=build /app/dist /usr/share/nginx/html
