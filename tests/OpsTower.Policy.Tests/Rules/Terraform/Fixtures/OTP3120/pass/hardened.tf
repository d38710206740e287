resource "aws_ecr_repository" "app" {
  name                 = "ops-tower/app"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository" "cache" {
  name                 = "ops-tower/cache"
  image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"

  image_tag_mutability_exclusion_filter {
    filter      = "latest*"
    filter_type = "WILDCARD"
  }

  image_scanning_configuration {
    scan_on_push = true
  }
}

# The module's defaults are IMMUTABLE and scan on push.
module "ecr" {
  source          = "terraform-aws-modules/ecr/aws"
  repository_name = "ops-tower/api"
}
