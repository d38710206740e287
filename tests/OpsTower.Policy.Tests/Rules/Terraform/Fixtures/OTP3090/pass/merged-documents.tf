# An override replaces the admin statement with a scoped one by its Sid.
data "aws_iam_policy_document" "overridden" {
  statement {
    sid       = "Deploy"
    actions   = ["*"]
    resources = ["*"]
  }

  override_policy_documents = [
    jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Sid = "Deploy", Effect = "Allow", Action = ["ecs:UpdateService"], Resource = "*" }]
    }),
  ]
}

# The document's own statement replaces an admin statement of a source document with the same Sid.
data "aws_iam_policy_document" "source_replaced" {
  source_policy_documents = [<<-JSON
    { "Version": "2012-10-17", "Statement": [{ "Sid": "Base", "Effect": "Allow", "Action": "*", "Resource": "*" }] }
  JSON
  ]

  statement {
    sid       = "Base"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

# A later override replaces an earlier one.
data "aws_iam_policy_document" "override_order" {
  override_policy_documents = [
    jsonencode({ Statement = [{ Sid = "Ops", Effect = "Allow", Action = "*", Resource = "*" }] }),
    jsonencode({ Statement = [{ Sid = "Ops", Effect = "Deny", Action = "*", Resource = "*" }] }),
  ]
}

variable "override_json" {
  type = string
}

variable "sid" {
  type = string
}

# An unknown override document may replace any statement with a Sid, and a statement whose Sid is unknown may
# be the one an override replaces: neither is reported.
data "aws_iam_policy_document" "unknown_override" {
  statement {
    sid       = "Admin"
    actions   = ["*"]
    resources = ["*"]
  }

  override_policy_documents = [var.override_json]
}

data "aws_iam_policy_document" "unknown_sid" {
  statement {
    sid       = var.sid
    actions   = ["*"]
    resources = ["*"]
  }

  override_policy_documents = [jsonencode({ Statement = [{ Sid = "Scoped", Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })]
}

# Documents that are not JSON, not objects or without statements, lists that are unknown or not lists.
data "aws_iam_policy_document" "odd_lists" {
  source_policy_documents   = ["not json", "[1]", jsonencode({ Statement = "*" }), jsonencode({ Statement = [1, "*"] }), jsonencode({ Version = "2012-10-17" }), jsonencode(), null]
  override_policy_documents = null
}

data "aws_iam_policy_document" "odd_lists_unknown" {
  source_policy_documents   = var.override_json == "" ? [] : [jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = var.sid }] })]
  override_policy_documents = "{}"
}
