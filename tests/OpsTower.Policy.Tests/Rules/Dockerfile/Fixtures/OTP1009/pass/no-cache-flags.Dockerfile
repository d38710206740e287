# The managers' own no-cache options
FROM python:3.12-alpine
RUN apk add --no-cache curl
RUN apk --no-cache add git
RUN pip install --no-cache-dir -r requirements.txt
RUN yum install -y httpd && yum clean all
