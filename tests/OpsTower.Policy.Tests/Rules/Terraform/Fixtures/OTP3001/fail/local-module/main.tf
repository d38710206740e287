module "database" {
  source    = "./modules/database"
  encrypted = false
}

module "encrypted_database" {
  source    = "./modules/database"
  encrypted = true
}
