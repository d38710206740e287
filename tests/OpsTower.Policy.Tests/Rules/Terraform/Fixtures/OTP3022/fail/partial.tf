resource "aws_eks_cluster" "main" {
  name                      = "ops-tower"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api"]
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3022

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

module "eks" {
  source                    = "terraform-aws-modules/eks/aws"
  cluster_enabled_log_types = ["audit"]
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3022
}
