module "eks" {
  source = "terraform-aws-modules/eks/aws"

  cluster_name    = "ops-tower"
  cluster_version = "1.27"

  cluster_endpoint_private_access = true
  cluster_endpoint_public_access  = true
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3020
}
