module "registry" {
  source     = "./modules/registry"
  mutability = "MUTABLE"
}

module "hardened_registry" {
  source     = "./modules/registry"
  mutability = "IMMUTABLE"
}
