variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "main" {
  engine            = "postgres"
  storage_encrypted = var.encrypted
}
