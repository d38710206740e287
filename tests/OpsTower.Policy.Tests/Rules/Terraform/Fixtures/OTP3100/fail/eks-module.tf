variable "legacy_tokens" {
  type    = string
  default = "optional"
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  eks_managed_node_group_defaults = {
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3100 "module.eks sets metadata_options.http_tokens = "optional" in eks_managed_node_group_defaults"
    metadata_options = {
      http_tokens = var.legacy_tokens
    }
  }

  eks_managed_node_groups = {
# ^^^^^^^^^^^^^^^^^^^^^^^ OTP3100 "node group "legacy""
    main = {
      instance_types = ["m6i.large"]
    }
    legacy = {
      instance_types = ["m5.large"]
      metadata_options = {
        http_endpoint = "enabled"
        http_tokens   = "optional"
      }
    }
  }
}
