resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}
# expect: OTP3101 1:1-1:33

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = false
# ^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3101 "aws_ebs_volume.logs sets encrypted = false"
}
