terraform {
  required_version = "~> 1.9"
}

module "network" {
  source = "./modules/network"
}
