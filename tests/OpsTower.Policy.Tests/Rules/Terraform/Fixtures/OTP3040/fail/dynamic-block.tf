variable "ingress_rules" {
  type = map(object({
    port  = number
    cidrs = optional(list(string), ["10.0.0.0/8"])
  }))
  default = {
    ssh   = { port = 22, cidrs = ["0.0.0.0/0"] }
    https = { port = 443, cidrs = ["0.0.0.0/0"] }
    redis = { port = 6379 }
  }
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3040
    }
  }
}
