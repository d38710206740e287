variable "create" {
  type    = bool
  default = false
}

resource "aws_db_instance" "legacy" {
  count  = var.create ? 1 : 0
  engine = "postgres"
}
