variable "environment" {
  type    = string
  default = "production"
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  deletion_protection = var.environment == "production"
}
