storage "raft" {
  path = "/vault/data"
}

listener "tcp" {
  address       = "0.0.0.0:${port}"
  tls_cert_file = "/vault/tls/tls.crt"
  tls_key_file  = "/vault/tls/tls.key"
}

seal "awskms" {
  kms_key_id = "${kms_key_id}"
}
