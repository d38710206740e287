resource "aws_instance" "bastion" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}

resource "aws_instance" "appliance" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  # Nothing on the appliance reads the metadata service.
  metadata_options {
    http_endpoint = "disabled"
    http_tokens   = "optional"
  }
}
