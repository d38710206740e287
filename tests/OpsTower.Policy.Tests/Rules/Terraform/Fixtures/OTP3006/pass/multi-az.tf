variable "environment" {
  type    = string
  default = "production"
}

resource "aws_db_instance" "main" {
  engine   = "postgres"
  multi_az = var.environment == "production"
}

resource "aws_rds_cluster" "aurora" {
  engine = "aurora-postgresql"
}
