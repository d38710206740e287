variable "db_password" {
  type      = string
  sensitive = true
}

resource "aws_db_instance" "main" {
  engine      = "postgres"
  password    = var.db_password
  kms_key_id  = "arn:aws:kms:ap-southeast-1:123456789012:key/abc"
  db_name     = "ops"
}

resource "aws_secretsmanager_secret" "db" {
  name = "ops-tower/db"
}

locals {
  url      = "postgres://app:${var.db_password}@db.internal:5432/app"
  password = ""
}
