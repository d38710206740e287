locals {
  environment = "production"
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  skip_final_snapshot = local.environment != "production" ? true : true
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3005
  tags = {
    Environment = local.environment
  }
}
