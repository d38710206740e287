# Every stage that names an image is reported; stage references are not
FROM golang:1.22 AS build
#    ^^^^^^^^^^^ OTP1003
FROM build AS test
FROM gcr.io/distroless/static-debian12:nonroot
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1003
