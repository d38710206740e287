variable "environment" {
  type    = string
  default = "development"
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  skip_final_snapshot = true
}
