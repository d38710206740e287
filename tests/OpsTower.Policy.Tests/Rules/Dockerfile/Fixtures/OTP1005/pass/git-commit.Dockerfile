# A Git source pinned to a commit
FROM alpine:3.19
ADD https://github.com/moby/buildkit.git#5b6b7d8fbe2bb9d1b7a4b6fbb5a4df4e1cb54c3a /src
