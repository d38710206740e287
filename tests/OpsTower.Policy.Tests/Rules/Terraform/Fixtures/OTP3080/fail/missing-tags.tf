provider "aws" {
  region = "ap-southeast-1"
  default_tags {
    tags = {
#   ^^^^ OTP3080
      Project   = "ops-tower"
      ManagedBy = "terraform"
    }
  }
}

provider "aws" {
  alias  = "dr"
  region = "ap-southeast-2"
}

resource "aws_s3_bucket" "logs" {
  bucket = "ops-tower-logs"
  tags = merge(local.common, {
# ^^^^ OTP3080
    Name = "logs"
  })
}

locals {
  common = {
    Environment = "production"
  }
}
# expect: OTP3080 12:1-12:15
