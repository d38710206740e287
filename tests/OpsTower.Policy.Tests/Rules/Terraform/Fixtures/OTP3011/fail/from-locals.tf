locals {
  tls = false
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "ops-tower"
  description                = "cache"
  transit_encryption_enabled = local.tls
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3011
}
