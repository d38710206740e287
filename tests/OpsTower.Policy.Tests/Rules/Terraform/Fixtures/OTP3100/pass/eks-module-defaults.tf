# The module requires IMDSv2 for its node groups unless told otherwise (v19 and later).
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"

  eks_managed_node_groups = {
    main = {
      instance_types = ["m6i.large"]
    }
    hop_limit = {
      metadata_options = {
        http_endpoint               = "enabled"
        http_tokens                 = "required"
        http_put_response_hop_limit = 1
      }
    }
  }
}

module "unrelated" {
  source = "example/nodes/aws"

  eks_managed_node_groups = {
    main = {
      metadata_options = { http_tokens = "optional" }
    }
  }
}
