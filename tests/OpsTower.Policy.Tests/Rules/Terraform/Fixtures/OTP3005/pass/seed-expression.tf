variable "environment" {
  type    = string
  default = "production"
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  skip_final_snapshot = var.environment != "production"
}
