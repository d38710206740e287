resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  from_port         = 3000
  to_port           = 4000
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8", "0.0.0.0/0"]
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3040
  security_group_id = "sg-123"
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  security_group_id = "sg-123"
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv6         = "::/0"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3040
}

resource "aws_security_group" "everything" {
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3040
  }
}
