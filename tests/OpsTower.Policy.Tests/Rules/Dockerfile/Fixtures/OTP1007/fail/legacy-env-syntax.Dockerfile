# The legacy ENV KEY value form
FROM alpine:3.19
ENV STRIPE_API_KEY sk_live_1234567890
#                  ^^^^^^^^^^^^^^^^^^ OTP1007 "'API_KEY'"
