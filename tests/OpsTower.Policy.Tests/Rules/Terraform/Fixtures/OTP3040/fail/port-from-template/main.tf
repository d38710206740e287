# The Vault server's configuration is rendered from a template, and the security group opens the port its
# listener uses, read back from the rendered text: templatefile and regex make that port known.
locals {
  vault_config = templatefile("${path.module}/vault.hcl", { port = 8200, kms_key_id = "alias/vault" })
  vault_port   = tonumber(regex("address\\s*=\\s*\"[^\"]*:(\\d+)\"", local.vault_config)[0])
}

resource "aws_instance" "vault" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.small"
  user_data     = local.vault_config
}

resource "aws_security_group" "vault" {
  name = "vault"

  ingress {
    from_port   = local.vault_port
    to_port     = local.vault_port
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3040 "port 8200"
  }
}
