resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3100 "sets http_tokens = "optional""
  }
}

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
# ^^^^^^^^^^^^^^^^ OTP3100 "does not set metadata_options.http_tokens"
    http_put_response_hop_limit = 1
  }
}
