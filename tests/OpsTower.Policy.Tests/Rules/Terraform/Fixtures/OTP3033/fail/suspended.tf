resource "aws_s3_bucket" "backups" {
  bucket = "ops-tower-backups"
}

resource "aws_s3_bucket_versioning" "backups" {
  bucket = aws_s3_bucket.backups.id
  versioning_configuration {
    status = "Suspended"
#   ^^^^^^^^^^^^^^^^^^^^ OTP3033
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "ops-tower-legacy"
  versioning {
    enabled = false
#   ^^^^^^^^^^^^^^^ OTP3033
  }
}
