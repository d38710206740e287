storage "mysql" {
  address  = "mysql:3306"
  username = "vault"
  password = "s3cret"
# ^^^^^^^^^^^^^^^^^^^ OTP7002
}

ha_storage "postgresql" {
  connection_url = "host=postgres dbname=vault user=vault password=s3cret sslmode=require"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP7002
}
