# escape=`
FROM debian:12-slim
RUN apt-get update && `
    dpkg -l `
      | grep ^ii > /packages.txt
# expect: OTP1017 4:5-5:33
