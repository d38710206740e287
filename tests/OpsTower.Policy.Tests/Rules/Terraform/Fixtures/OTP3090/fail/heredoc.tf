# The markers cannot go inside a heredoc (they would be part of the JSON), so the spans are given explicitly.
resource "aws_iam_user_policy" "robot" {
  name = "robot"
  user = "robot"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": { "Effect": "Allow", "Action": "*", "Resource": "*" }
    }
  JSON
}
# expect: OTP3090 5:3-5:9 "aws_iam_user_policy.robot: a statement allows Action "*""

resource "aws_iam_group_policy" "operators" {
  name  = "operators"
  group = "operators"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Sid": "AllButIam", "Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*" }
      ]
    }
  JSON
}
# expect: OTP3090 17:3-17:9 "statement "AllButIam" allows every action but those in NotAction"
