module "eks" {
  source                    = "terraform-aws-modules/eks/aws"
  cluster_name              = "ops-tower"
  cluster_encryption_config = {}
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3021
}
