resource "aws_eks_cluster" "main" {
  name     = "ops-tower"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
# expect: OTP3021 1:1-1:34
