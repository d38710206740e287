# Basic scanning with a rule for every repository, declared in a module of the same configuration.
module "registry" {
  source = "./registry"
}

resource "aws_ecr_repository" "app" {
  name                 = "ops-tower/app"
  image_tag_mutability = "IMMUTABLE"
}
