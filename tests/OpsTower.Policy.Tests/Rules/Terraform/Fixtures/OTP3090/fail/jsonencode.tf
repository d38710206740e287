resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadLogs"
        Effect   = "Allow"
        Action   = ["logs:GetLogEvents"]
        Resource = "*"
      },
      {
        Sid      = "Everything"
        Effect   = "Allow"
        Action   = "*"
#       ^^^^^^^^^^^^^^ OTP3090 "aws_iam_policy.deploy: statement "Everything" allows Action "*""
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "ci" {
  role   = "ci"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "*:*"], Resource = ["*"] }] })
#                                                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3090 "a statement allows Action "*:*""
}

# The policy is written through a local: its statements are judged, reported at the attribute.
locals {
  admin_statement = { Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }
}

resource "aws_iam_user_policy" "local" {
  user   = "ops"
  policy = jsonencode({ Version = "2012-10-17", Statement = [local.admin_statement] })
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3090 "a statement allows every action but those in NotAction"
}
