variable "environment" {
  type    = string
  default = "dev"
}

resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier  = "ops"
  publicly_accessible = var.environment == "dev" ? true : false
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3002
}
