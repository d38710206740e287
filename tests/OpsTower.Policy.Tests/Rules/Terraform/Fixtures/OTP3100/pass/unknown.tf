variable "http_tokens" {
  type = string
}

variable "metadata_options" {
  type = list(object({ http_tokens = string }))
}

resource "aws_instance" "from_variable" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = var.http_tokens
  }
}

resource "aws_launch_template" "dynamic" {
  name_prefix = "nodes-"

  dynamic "metadata_options" {
    for_each = var.metadata_options
    content {
      http_tokens = metadata_options.value.http_tokens
    }
  }
}

resource "aws_instance" "unknown_endpoint" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = var.http_tokens
    http_tokens   = "optional"
  }
}
