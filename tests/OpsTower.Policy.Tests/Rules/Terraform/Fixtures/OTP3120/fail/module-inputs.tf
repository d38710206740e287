module "ecr" {
  source  = "terraform-aws-modules/ecr/aws"
  version = "~> 2.0"

  repository_name                 = "ops-tower/api"
  repository_image_tag_mutability = "MUTABLE"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3120 "module.ecr makes image tags mutable"
  repository_image_scan_on_push   = false
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3120 "module.ecr turns off scanning on push"
}
