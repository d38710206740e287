resource "aws_eks_cluster" "main" {
  name                      = "ops-tower"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "scheduler"]

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}

module "eks" {
  source = "terraform-aws-modules/eks/aws"
}
