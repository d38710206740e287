resource "aws_launch_template" "nodes" {
  name_prefix = "nodes-"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
#   ^^^ OTP3101 "aws_launch_template.nodes block_device_mappings.ebs does not set encrypted"
      volume_size = 50
    }
  }

  block_device_mappings {
    device_name = "/dev/xvdb"
    ebs {
      volume_size = 200
      encrypted   = "false"
#     ^^^^^^^^^^^^^^^^^^^^^ OTP3101 "sets encrypted = "false""
    }
  }
}
