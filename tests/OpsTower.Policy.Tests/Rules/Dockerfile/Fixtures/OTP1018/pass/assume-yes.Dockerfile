# Every way to say yes
FROM debian:12-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get install --yes curl && apt-get install --assume-yes git && apt-get -qy install make
RUN apt-get -qq install jq && apt-get -o APT::Get::Assume-Yes=true install zip
RUN apt-get update && apt-get -y upgrade && echo "apt-get install curl" > /notes
RUN cat <<'EOF' > /usr/local/share/setup.txt
apt-get install curl
EOF
