variable "encrypted" {
  type = bool
}

resource "aws_db_instance" "this" {
  engine            = "postgres"
  storage_encrypted = var.encrypted
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3001 "(in module.database, loaded by the module block at main.tf:1)"
}
