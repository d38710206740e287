# A shell-form CMD becomes /bin/sh -c arguments of a non-init entrypoint
FROM alpine:3.19
ENTRYPOINT ["/usr/local/bin/app"]
CMD serve --port 8080
#   ^^^^^^^^^^^^^^^^^ OTP1011 "receives '/bin/sh -c"
