resource "aws_eks_cluster" "main" {
  name     = "ops-tower"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:ap-southeast-1:123456789012:key/abc"
    }
  }
}

module "eks" {
  source       = "terraform-aws-modules/eks/aws"
  cluster_name = "ops-tower"
}
