storage "postgresql" {
  connection_url = "postgres://postgres:5432/vault"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP7003
}

ha_storage "postgresql" {
  connection_url = "postgres://postgres:5432/vault?sslmode=disable"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP7003
}
