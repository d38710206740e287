variable "environment" {
  type = string
}

provider "aws" {
  region = "ap-southeast-1"
  default_tags {
    tags = {
      Project     = "ops-tower"
      Environment = var.environment
      ManagedBy   = "terraform"
      Owner       = "devops-team"
    }
  }
}

resource "aws_db_instance" "main" {
  engine = "postgres"
  tags = {
    Name        = "ops-tower"
    Environment = var.environment
  }
}

resource "aws_s3_bucket" "unknown_tags" {
  bucket = "x"
  tags   = var.tags
}

variable "tags" {
  type = map(string)
}
