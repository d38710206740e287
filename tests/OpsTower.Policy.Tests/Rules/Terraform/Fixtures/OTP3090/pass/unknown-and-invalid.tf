variable "actions" {
  type = list(string)
}

variable "bucket_arn" {
  type = string
}

# Unknown values never produce a finding.
resource "aws_iam_policy" "unknown_actions" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })
}

resource "aws_iam_policy" "unknown_resource" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = var.bucket_arn }] })
}

data "aws_iam_policy_document" "unknown" {
  statement {
    actions   = var.actions
    resources = ["*"]
  }
}

# Text that is not JSON, a policy from a missing file and a policy with no statements are not read.
resource "aws_iam_role_policy" "broken" {
  role   = "ci"
  policy = <<-JSON
    { "Statement": [ { "Effect": "Allow", "Action": "*", "Resource": "*"
  JSON
}

resource "aws_iam_policy" "missing_file" {
  policy = file("${path.module}/absent.json")
}

resource "aws_iam_policy" "odd" {
  policy = jsonencode({ Statement = "*" })
}

resource "aws_iam_policy" "from_document" {
  policy = data.aws_iam_policy_document.unknown.json
}

# Each statement of a jsonencode() is judged on its own, and one with an unknown field is not reported.
resource "aws_iam_policy" "partly_unknown" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = var.bucket_arn },
      { Effect = var.bucket_arn, Action = "*", Resource = "*" },
      { Effect = "Allow", Action = ["s3:*"], Resource = "*" },
      var.actions,
    ]
  })
}
