resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "ops-tower"
  description                = "cache"
  at_rest_encryption_enabled = false
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3010
}
