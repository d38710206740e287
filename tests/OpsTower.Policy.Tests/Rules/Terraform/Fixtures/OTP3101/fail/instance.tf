resource "aws_instance" "no_root_block" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
# expect: OTP3101 1:1-1:40

resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
# ^^^^^^^^^^^^^^^^^ OTP3101 "aws_instance.worker root_block_device does not set encrypted = true"
    volume_size = 30
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = false
#   ^^^^^^^^^^^^^^^^^^^ OTP3101 "aws_instance.worker ebs_block_device sets encrypted = false"
  }
}
