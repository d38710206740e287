locals {
  settings = {
    retention = 1
  }
}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  backup_retention_period = local.settings.retention
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3003
}
