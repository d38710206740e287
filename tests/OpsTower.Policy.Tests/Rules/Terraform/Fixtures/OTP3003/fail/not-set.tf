resource "aws_rds_cluster" "aurora" {
  engine = "aurora-postgresql"
}
# expect: OTP3003 1:1-1:36
