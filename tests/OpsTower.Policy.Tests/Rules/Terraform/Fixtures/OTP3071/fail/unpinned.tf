terraform {
  required_version = "~> 1.9"
  required_providers {
    aws = {
#   ^^^ OTP3071
      source = "hashicorp/aws"
    }
    kubernetes = {
#   ^^^^^^^^^^ OTP3071
      source  = "hashicorp/kubernetes"
      version = ">= 2.20"
    }
  }
}

provider "aws" {
  region = "ap-southeast-1"
}

provider "random" {}
# expect: OTP3071 20:1-20:18
