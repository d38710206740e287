variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "main" {
  engine   = "postgres"
  username = "ops"
  password = var.db_password
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3007
}

resource "aws_rds_cluster" "aurora" {
  engine          = "aurora-postgresql"
  master_password = var.db_password
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3007
}
