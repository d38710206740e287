variable "db_password" {
  type      = string
  sensitive = true
}

variable "kms_key_id" {
  type = string
}

variable "ssh_public_key" {
  type = string
}

variable "secret_arn" {
  type = string
}

variable "monkey_business" {
  type = string
}
