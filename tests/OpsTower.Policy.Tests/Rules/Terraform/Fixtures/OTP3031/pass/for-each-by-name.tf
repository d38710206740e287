locals {
  buckets = toset(["logs", "exports"])
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets
  bucket   = "ops-tower-${each.key}"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets
  bucket   = "ops-tower-${each.key}"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
