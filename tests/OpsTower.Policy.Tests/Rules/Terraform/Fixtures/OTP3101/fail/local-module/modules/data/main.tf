variable "encrypted" {
  type = bool
}

resource "aws_ebs_volume" "this" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = var.encrypted
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3101 "(in module.data, loaded by the module block at main.tf:1)"
}
