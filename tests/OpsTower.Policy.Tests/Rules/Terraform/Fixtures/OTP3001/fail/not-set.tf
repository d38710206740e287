resource "aws_db_instance" "main" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
}
# expect: OTP3001 1:1-1:34
