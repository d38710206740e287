resource "aws_db_instance" "main" {
  engine   = "postgres"
  username = var.db_username
  password = var.db_password
#            ^^^^^^^^^^^^^^^ OTP3060
}
