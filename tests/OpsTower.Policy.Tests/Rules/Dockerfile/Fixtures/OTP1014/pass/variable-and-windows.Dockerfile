# Variables and Windows drive paths
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win
WORKDIR C:/app
FROM alpine:3.19
WORKDIR $HOME/app
