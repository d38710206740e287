resource "aws_iam_role" "lambda" {
  name               = "lambda"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })

  inline_policy {
    name = "all"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
#                                      ^^^^^^^^^^^^ OTP3090 "aws_iam_role.lambda"
    })
  }
}
