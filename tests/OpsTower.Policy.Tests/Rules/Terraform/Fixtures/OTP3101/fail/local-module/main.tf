module "data" {
  source    = "./modules/data"
  encrypted = false
}

module "encrypted_data" {
  source    = "./modules/data"
  encrypted = true
}
