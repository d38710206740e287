# Only the secret-looking pair of several
FROM alpine:3.19
ENV APP_ENV=production AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCY LOG_LEVEL=info
#                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1007 "AWS_SECRET_ACCESS_KEY"
