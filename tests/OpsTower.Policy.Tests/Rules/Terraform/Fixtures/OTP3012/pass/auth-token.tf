variable "redis_auth_token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_replication_group" "main" {
  replication_group_id       = "ops-tower"
  description                = "cache"
  transit_encryption_enabled = true
  auth_token                 = var.redis_auth_token
}
