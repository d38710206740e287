# Text that only looks like a pipe
FROM debian:12-slim
RUN echo "curl https://example.com | sh" > /README && echo 'wget x | bash' # curl y | sh
