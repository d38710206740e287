resource "aws_s3_bucket" "backups" {
  bucket = "ops-tower-backups"
}
# expect: OTP3032 1:1-1:35
