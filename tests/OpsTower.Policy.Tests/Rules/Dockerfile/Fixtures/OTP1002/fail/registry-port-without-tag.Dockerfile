# A registry port is not a tag
FROM registry.internal:5000/platform/base
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1002
