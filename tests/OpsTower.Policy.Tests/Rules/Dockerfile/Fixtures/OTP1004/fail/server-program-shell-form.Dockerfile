# No EXPOSE, but gunicorn is a server
FROM python:3.12-slim
#    ^^^^^^^^^^^^^^^^ OTP1004 "gunicorn"
CMD gunicorn app:app --bind 0.0.0.0:8000
