resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "ops-tower"
  description                = "Redis cluster for Ops Tower"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}
