resource "aws_s3_bucket" "backups" {
  bucket = "ops-tower-backups"
}

resource "aws_s3_bucket_public_access_block" "backups" {
  bucket              = aws_s3_bucket.backups.id
  block_public_acls   = true
  block_public_policy = false
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3032
  ignore_public_acls  = true
}
# expect: OTP3032 5:1-5:55
