resource "aws_ecr_repository" "worker" {
  name                 = "ops-tower/worker"
  image_tag_mutability = "MUTABLE_WITH_EXCLUSION"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3120 "aws_ecr_repository.worker has mutable image tags"

  image_scanning_configuration {
    scan_on_push = false
#   ^^^^^^^^^^^^^^^^^^^^ OTP3120 "aws_ecr_repository.worker does not scan images on push"
  }
}

resource "aws_ecr_repository" "empty_scanning" {
  name                 = "ops-tower/empty"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3120 "does not scan images on push"
  }
}

# Basic scanning limited to some repositories does not cover the others.
resource "aws_ecr_registry_scanning_configuration" "basic" {
  scan_type = "BASIC"

  rule {
    scan_frequency = "SCAN_ON_PUSH"
    repository_filter {
      filter      = "ops-tower/public-*"
      filter_type = "WILDCARD"
    }
  }
}
