variable "region" {
  type    = string
  default = "ap-southeast-1"
}

resource "aws_db_instance" "main" {
  instance_class = var.db_instance_class
#                  ^^^^^^^^^^^^^^^^^^^^^ OTP3000
  identifier     = "ops-${var.db_instance_class}"
}
