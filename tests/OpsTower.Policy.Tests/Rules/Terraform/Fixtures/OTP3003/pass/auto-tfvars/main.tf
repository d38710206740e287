variable "retention_days" {
  type    = number
  default = 1
}

resource "aws_db_instance" "main" {
  engine                  = "postgres"
  backup_retention_period = var.retention_days
}
