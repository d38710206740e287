# pip install, also as python -m pip
FROM python:3.12-slim
RUN pip install -r requirements.txt
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1009 "--no-cache-dir"
RUN python3 -m pip install gunicorn
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP1009
