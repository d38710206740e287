listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = 1
# ^^^^^^^^^^^^^^^ OTP7001
}

listener "tcp" {
  address     = "127.0.0.1:8210"
  tls_disable = "true"
# ^^^^^^^^^^^^^^^^^^^^ OTP7001
}

storage "raft" {
  path = "/vault/data"
}
