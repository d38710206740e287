locals {
  a = "${local.b}-x"
# ^ OTP3000
  b = local.a
  c = "fine"
}

resource "aws_s3_bucket" "logs" {
  bucket = local.c
}
