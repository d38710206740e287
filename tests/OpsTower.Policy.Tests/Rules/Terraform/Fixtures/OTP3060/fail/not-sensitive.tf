variable "redis_auth_token" {
  type = string
}

variable "apiKey" {
  type      = string
  sensitive = false
# ^^^^^^^^^^^^^^^^^ OTP3060
}
# expect: OTP3060 1:1-1:28
