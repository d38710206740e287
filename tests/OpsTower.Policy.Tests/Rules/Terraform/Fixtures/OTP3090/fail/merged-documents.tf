# An admin statement brought in by source_policy_documents is reported there, named by its Sid.
data "aws_iam_policy_document" "with_source" {
  source_policy_documents = [
# ^^^^^^^^^^^^^^^^^^^^^^^ OTP3090 "data.aws_iam_policy_document.with_source: statement "Admin" from source_policy_documents allows Action "*""
    jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Sid = "Admin", Effect = "Allow", Action = "*", Resource = "*" }]
    }),
    file("${path.module}/absent.json"),
  ]

  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

# An override replaces a scoped statement of the document with an admin one.
# expect: OTP3090 28:3-28:28 "statement "Deploy" from override_policy_documents allows every action but those in NotAction"
data "aws_iam_policy_document" "with_override" {
  statement {
    sid       = "Deploy"
    actions   = ["ecs:UpdateService"]
    resources = ["*"]
  }

  override_policy_documents = [<<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{ "Sid": "Deploy", "Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*" }]
    }
  JSON
  ]
}

# A statement without a Sid is never replaced, even by an unknown override document.
variable "extra_policy" {
  type = string
}

data "aws_iam_policy_document" "unknown_override" {
  statement {
    actions   = ["*"]
#   ^^^^^^^^^^^^^^^^^ OTP3090 "data.aws_iam_policy_document.unknown_override: a statement allows actions "*""
    resources = ["*"]
  }

  override_policy_documents = [var.extra_policy]
}
