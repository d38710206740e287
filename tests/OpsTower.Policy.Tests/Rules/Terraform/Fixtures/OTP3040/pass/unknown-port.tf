variable "port" {
  type = number
}

resource "aws_security_group_rule" "app" {
  type        = "ingress"
  from_port   = var.port
  to_port     = var.port
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"]
}
