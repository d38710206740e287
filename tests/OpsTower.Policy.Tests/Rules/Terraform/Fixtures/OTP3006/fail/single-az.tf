variable "env" {
  type    = string
  default = "prod"
}

resource "aws_db_instance" "main" {
  engine = "postgres"
}

resource "aws_db_instance" "explicit" {
  engine   = "postgres"
  multi_az = false
# ^^^^^^^^^^^^^^^^ OTP3006
}
# expect: OTP3006 6:1-6:34
