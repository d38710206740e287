# Remote sources are OTP1005's business
FROM alpine:3.19
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://example.com/tool /usr/local/bin/tool
ADD https://github.com/moby/buildkit.git#5b6b7d8fbe2bb9d1b7a4b6fbb5a4df4e1cb54c3a /src
