variable "mutability" {
  type = string
}

resource "aws_ecr_repository" "this" {
  name                 = "ops-tower/app"
  image_tag_mutability = var.mutability
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3120 "(in module.registry, loaded by the module block at main.tf:1)"

  image_scanning_configuration {
    scan_on_push = true
  }
}
