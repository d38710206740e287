# Enhanced scanning covers the registry, so repositories need no scan_on_push.
resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = "ENHANCED"

  rule {
    scan_frequency = "CONTINUOUS_SCAN"
    repository_filter {
      filter      = "*"
      filter_type = "WILDCARD"
    }
  }
}

resource "aws_ecr_repository" "app" {
  name                 = "ops-tower/app"
  image_tag_mutability = "IMMUTABLE"
}

module "ecr" {
  source                        = "terraform-aws-modules/ecr/aws"
  repository_name               = "ops-tower/api"
  repository_image_scan_on_push = false
}
