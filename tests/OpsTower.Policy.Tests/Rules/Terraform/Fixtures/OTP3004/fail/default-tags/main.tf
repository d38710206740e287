provider "aws" {
  default_tags {
    tags = {
      Environment = "prod"
    }
  }
}

resource "aws_db_instance" "main" {
  engine = "postgres"
}
# expect: OTP3004 9:1-9:34
