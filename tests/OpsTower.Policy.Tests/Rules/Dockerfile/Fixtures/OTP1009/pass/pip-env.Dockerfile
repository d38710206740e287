# PIP_NO_CACHE_DIR in ENV or on the command
FROM python:3.12-slim
ENV PIP_NO_CACHE_DIR=1
RUN pip install flask
RUN PIP_NO_CACHE_DIR=off pip install gunicorn
