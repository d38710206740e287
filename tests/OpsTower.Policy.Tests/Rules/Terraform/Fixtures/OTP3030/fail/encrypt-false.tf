terraform {
  backend "s3" {
    bucket       = "ops-tower-terraform-state"
    key          = "infrastructure/terraform.tfstate"
    encrypt      = false
#   ^^^^^^^^^^^^^^^^^^^^ OTP3030
    use_lockfile = true
  }
}
