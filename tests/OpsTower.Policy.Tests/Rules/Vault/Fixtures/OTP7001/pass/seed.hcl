ui = true

listener "tcp" {
  address       = "0.0.0.0:8200"
  tls_disable   = false
  tls_cert_file = "/vault/tls/tls.crt"
  tls_key_file  = "/vault/tls/tls.key"
}

storage "postgresql" {
  connection_url = "postgres://vault:password@postgres:5432/vault?sslmode=require"
  table          = "vault_kv_store"
  max_parallel   = "128"
}

seal "awskms" {
  region     = "ap-southeast-1"
  kms_key_id = "alias/vault-unseal-key"
}

api_addr     = "https://vault.ops-tower.internal:8200"
cluster_addr = "https://vault.ops-tower.internal:8201"
