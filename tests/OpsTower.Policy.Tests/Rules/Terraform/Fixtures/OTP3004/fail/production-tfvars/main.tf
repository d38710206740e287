variable "environment" {
  type    = string
  default = "staging"
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  deletion_protection = false
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3004
}

resource "aws_rds_cluster" "aurora" {
  engine = "aurora-postgresql"
}
# expect: OTP3004 12:1-12:36
