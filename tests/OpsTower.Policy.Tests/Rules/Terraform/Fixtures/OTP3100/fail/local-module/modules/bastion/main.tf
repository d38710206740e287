variable "tokens" {
  type = string
}

resource "aws_instance" "this" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = var.tokens
#   ^^^^^^^^^^^^^^^^^^^^^^^^ OTP3100 "(in module.bastion, loaded by the module block at main.tf:1)"
  }
}
