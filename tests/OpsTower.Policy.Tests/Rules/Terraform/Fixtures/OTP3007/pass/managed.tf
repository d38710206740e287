resource "aws_db_instance" "main" {
  engine                      = "postgres"
  username                    = "ops"
  manage_master_user_password = true
}

resource "aws_db_instance" "iam" {
  engine                              = "postgres"
  password                            = var.db_password
  iam_database_authentication_enabled = true
}

variable "db_password" {
  type      = string
  sensitive = true
}
