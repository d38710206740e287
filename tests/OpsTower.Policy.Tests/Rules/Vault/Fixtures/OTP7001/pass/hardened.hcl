ui = true

listener "tcp" {
  address       = "0.0.0.0:8200"
  tls_cert_file = "/vault/tls/tls.crt"
  tls_key_file  = "/vault/tls/tls.key"
}

# The connection URL with credentials comes from VAULT_PG_CONNECTION_URL (a Kubernetes Secret).
storage "postgresql" {
  connection_url = "postgres://postgres:5432/vault?sslmode=verify-full"
  table          = "vault_kv_store"
}

seal "awskms" {
  region     = "ap-southeast-1"
  kms_key_id = "alias/vault-unseal-key"
}
