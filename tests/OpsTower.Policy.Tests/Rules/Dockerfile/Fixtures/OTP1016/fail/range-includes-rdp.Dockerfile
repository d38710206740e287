# A range that includes RDP
FROM mcr.microsoft.com/windows/servercore:ltsc2022
EXPOSE 3380-3390
#      ^^^^^^^^^ OTP1016 "3389"
