module "bastion" {
  source = "./modules/bastion"
  tokens = "optional"
}

module "hardened_bastion" {
  source = "./modules/bastion"
  tokens = "required"
}
