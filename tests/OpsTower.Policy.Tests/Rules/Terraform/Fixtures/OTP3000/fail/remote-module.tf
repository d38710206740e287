module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"
  name    = "ops-tower"
}
# expect: OTP3000 1:1-1:13
