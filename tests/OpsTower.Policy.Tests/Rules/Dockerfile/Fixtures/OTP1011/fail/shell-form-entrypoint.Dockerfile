# ENTRYPOINT in shell form; CMD is ignored then
FROM python:3.12-slim
ENTRYPOINT python -m app --port 8000
#          ^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1011 "ENTRYPOINT"
CMD ["--debug"]
