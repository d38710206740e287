listener "tcp" {
  address = "0.0.0.0:8200"
}

storage "raft" {
  path = "/vault/data"
}

seal "shamir" {
}
# expect: OTP7004 5:1-5:15
