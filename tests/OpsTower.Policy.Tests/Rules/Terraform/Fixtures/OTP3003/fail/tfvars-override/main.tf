resource "aws_db_instance" "main" {
  engine                  = "postgres"
  backup_retention_period = var.retention_days
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3003
}
