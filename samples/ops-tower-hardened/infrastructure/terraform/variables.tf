# infrastructure/terraform/variables.tf
variable "environment" {
  description = "Environment name"
  type        = string
  validation {
    condition     = contains(["development", "staging", "production"], var.environment)
    error_message = "Environment must be development, staging, or production."
  }
}

variable "aws_region" {
  description = "AWS region"
  type        = string
  default     = "ap-southeast-1"
}

variable "vpc_cidr" {
  description = "VPC CIDR block"
  type        = string
  default     = "10.0.0.0/16"
}

variable "availability_zones" {
  description = "Availability zones"
  type        = list(string)
  default     = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]
}

variable "private_subnets" {
  description = "Private subnet CIDR blocks"
  type        = list(string)
  default     = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
}

variable "public_subnets" {
  description = "Public subnet CIDR blocks"
  type        = list(string)
  default     = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]
}

variable "node_group_desired_capacity" {
  description = "Nodes in the main node group"
  type        = number
  default     = 3
}

variable "node_group_max_capacity" {
  description = "Most nodes in the main node group"
  type        = number
  default     = 10
}

variable "node_group_min_capacity" {
  description = "Fewest nodes in the main node group"
  type        = number
  default     = 3
}

variable "node_instance_types" {
  description = "Instance types of the main node group"
  type        = list(string)
  default     = ["m6i.xlarge"]
}

variable "db_instance_class" {
  description = "RDS instance class"
  type        = string
  default     = "db.r6g.large"
}

variable "db_allocated_storage" {
  description = "RDS storage in GiB"
  type        = number
  default     = 100
}

variable "db_max_allocated_storage" {
  description = "RDS storage autoscaling limit in GiB"
  type        = number
  default     = 500
}

variable "db_name" {
  description = "Database name"
  type        = string
  default     = "ops_tower"
}

variable "db_username" {
  description = "Master user name (its password is managed by RDS in Secrets Manager)"
  type        = string
  default     = "ops_tower_admin"
}

variable "db_backup_retention_period" {
  description = "Days of automated RDS backups"
  type        = number
  default     = 14
}

variable "redis_num_cache_nodes" {
  description = "Redis nodes"
  type        = number
  default     = 2
}

variable "redis_node_type" {
  description = "Redis node type"
  type        = string
  default     = "cache.r6g.large"
}

variable "redis_auth_token" {
  description = "Redis AUTH token, passed by CI from the secret store"
  type        = string
  sensitive   = true
}
