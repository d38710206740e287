# A tag without a digest
FROM node:20.11-alpine3.19
#    ^^^^^^^^^^^^^^^^^^^^^ OTP1003 "not pinned by digest"
