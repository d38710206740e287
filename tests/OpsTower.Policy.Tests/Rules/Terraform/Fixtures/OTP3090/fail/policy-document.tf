# effect defaults to Allow.
data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Admin"
    actions   = ["*"]
#   ^^^^^^^^^^^^^^^^^ OTP3090 "data.aws_iam_policy_document.admin: statement "Admin" allows actions "*""
    resources = ["*"]
  }
}

locals {
  everything = ["*:*"]
}

data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = { admin = local.everything }
    content {
      effect    = "Allow"
      actions   = statement.value
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3090
      resources = ["*"]
    }
  }
}

data "aws_iam_policy_document" "not_actions" {
  statement {
    not_actions = ["iam:*", "organizations:*"]
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3090 "not_actions"
    resources   = ["*"]
  }
}
