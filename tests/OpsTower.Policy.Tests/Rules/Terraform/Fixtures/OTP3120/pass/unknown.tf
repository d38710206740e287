variable "mutability" {
  type = string
}

variable "scan" {
  type = bool
}

resource "aws_ecr_repository" "app" {
  name                 = "ops-tower/app"
  image_tag_mutability = var.mutability

  image_scanning_configuration {
    scan_on_push = var.scan
  }
}
