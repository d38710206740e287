resource "aws_s3_bucket" "backups" {
  bucket = "ops-tower-backups"
}
# expect: OTP3031 1:1-1:35
