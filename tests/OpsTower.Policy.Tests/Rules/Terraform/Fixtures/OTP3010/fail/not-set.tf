resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "ops-tower"
  description                = "cache"
  transit_encryption_enabled = true
}
# expect: OTP3010 1:1-1:52
