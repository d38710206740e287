variable "admin_cidrs" {
  type    = list(string)
  default = []
}

resource "aws_security_group" "admin" {
  dynamic "ingress" {
    for_each = var.admin_cidrs
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
