resource "aws_kms_key" "rds" {
  description = "RDS"
}

resource "aws_kms_key" "vault" {
  description         = "Vault unseal"
  enable_key_rotation = false
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3050
}
# expect: OTP3050 1:1-1:29
