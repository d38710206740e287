resource "aws_db_instance" "main" {
  engine = "postgres"
  tags = {
    Environment = "staging"
  }
}
