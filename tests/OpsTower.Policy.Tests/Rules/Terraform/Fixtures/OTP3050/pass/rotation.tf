resource "aws_kms_key" "rds" {
  description         = "RDS"
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  description              = "Signing"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}
