# escape=`
FROM mcr.microsoft.com/powershell:lts-debian-12
RUN apt-get update && `
    curl -fsSL https://example.com/install.sh `
    | sh
# expect: OTP1008 4:5-5:9
