# An ARG without default cannot be resolved, so it is not judged
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
