provider "aws" {
  region     = "ap-southeast-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
#              ^^^^^^^^^^^^^^^^^^^^^^ OTP3061
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3061
}

resource "aws_db_instance" "main" {
  engine   = "postgres"
  password = "SuperSecret123!"
#            ^^^^^^^^^^^^^^^^^ OTP3061
}

resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      DATABASE_URL = "postgres://app:hunter2@db.internal:5432/app"
#                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3061
      API_TOKEN    = "tok_live_123456"
#                    ^^^^^^^^^^^^^^^^^ OTP3061
    }
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "changeme"
#             ^^^^^^^^^^ OTP3061
}

locals {
  deploy_identity = "AKIAIOSFODNN7EXAMPLE"
#                    ^^^^^^^^^^^^^^^^^^^^ OTP3061
}
