storage "file" {
  path = "/vault/data"
}

seal "awskms" {
  kms_key_id = "alias/vault"
  disabled   = "true"
}
# expect: OTP7004 1:1-1:15
