resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ecs:UpdateService", "ecs:Describe*"], Resource = "*" },
      { Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::ops-tower-artifacts/*" },
      # Everything on one bucket is broad, but not administrator access.
      { Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::ops-tower-scratch" },
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } },
      { Effect = "Allow", NotAction = "iam:*", Resource = "arn:aws:s3:::ops-tower-scratch/*" },
    ]
  })
}

# A trust policy names principals, not permissions.
resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Principal = { AWS = "*" }, Resource = "*" }] })
}

data "aws_iam_policy_document" "deny" {
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }

  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
