# The ingress rules live in a JSON file beside the module; file() and jsondecode() read it without running anything.
locals {
  ingress = jsondecode(file("${path.module}/network/ingress.json"))
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  dynamic "ingress" {
    for_each = local.ingress
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3040 "port 22"
    }
  }
}
