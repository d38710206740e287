# A tool image: nothing exposed, the program is not a server
FROM hashicorp/terraform:1.7
ENTRYPOINT ["terraform"]
