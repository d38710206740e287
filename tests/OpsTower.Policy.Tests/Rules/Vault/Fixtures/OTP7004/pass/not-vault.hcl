# A Packer template is HCL too, but not a Vault server configuration.
source "amazon-ebs" "base" {
  region = "ap-southeast-1"
}

build {
  sources = ["source.amazon-ebs.base"]
}
