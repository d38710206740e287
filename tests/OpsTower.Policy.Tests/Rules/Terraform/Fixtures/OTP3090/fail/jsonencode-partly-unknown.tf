resource "aws_s3_bucket" "artifacts" {
  bucket = "artifacts"
}

# The bucket ARN is unknown until apply, so the whole jsonencode() string is: the admin statement next to it is known.
resource "aws_iam_policy" "deploy" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Artifacts"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "${aws_s3_bucket.artifacts.arn}/*"
      },
      {
        Sid    = "Admin"
        Effect = "Allow"
        Action = [
#       ^^^^^^ OTP3090 "aws_iam_policy.deploy: statement "Admin" allows Action "*""
          "*",
        ]
        Resource = ["*"]
      },
    ]
  })
}

# The same in an inline policy of a role, one instance per count index.
resource "aws_iam_role" "worker" {
  count              = 2
  name               = "worker-${count.index}"
  assume_role_policy = "{}"

  inline_policy {
    name = "worker"
    policy = jsonencode({
      Statement = [
        { Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = aws_s3_bucket.artifacts.arn },
        { Sid = "All${count.index}", Effect = "Allow", NotAction = "iam:*", Resource = "*" },
#                                                      ^^^^^^^^^^^^^^^^^^^ OTP3090 "statement "All0" allows every action but those in NotAction"
#                                                      ^^^^^^^^^^^^^^^^^^^ OTP3090 "statement "All1" allows every action but those in NotAction"
      ]
    })
  }
}
