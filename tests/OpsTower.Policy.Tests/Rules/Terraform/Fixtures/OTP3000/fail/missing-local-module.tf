module "network" {
  source = "./modules/network"
}
# expect: OTP3000 1:1-1:17
