retention_days = 30
