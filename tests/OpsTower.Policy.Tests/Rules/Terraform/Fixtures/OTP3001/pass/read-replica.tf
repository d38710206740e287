resource "aws_db_instance" "replica" {
  replicate_source_db = "ops-tower-primary"
  instance_class      = "db.t3.medium"
}
