terraform {
  backend "s3" {
# ^^^^^^^^^^^^ OTP3030
# ^^^^^^^^^^^^ OTP3030
    bucket = "ops-tower-terraform-state"
    key    = "infrastructure/terraform.tfstate"
    region = "ap-southeast-1"
  }
}
