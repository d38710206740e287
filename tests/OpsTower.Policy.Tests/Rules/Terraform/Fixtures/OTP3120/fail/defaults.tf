resource "aws_ecr_repository" "app" {
  name = "ops-tower/app"
}
# expect: OTP3120 1:1-1:36 "does not scan images on push"
# expect: OTP3120 1:1-1:36 "image_tag_mutability = "MUTABLE", the default"
