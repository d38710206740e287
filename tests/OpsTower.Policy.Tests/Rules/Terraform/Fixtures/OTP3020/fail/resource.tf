resource "aws_eks_cluster" "main" {
  name     = "ops-tower"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
# ^^^^^^^^^^ OTP3020
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}

resource "aws_eks_cluster" "open" {
  name     = "ops-tower-open"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-1", "subnet-2"]
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"]
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3020
  }
}
