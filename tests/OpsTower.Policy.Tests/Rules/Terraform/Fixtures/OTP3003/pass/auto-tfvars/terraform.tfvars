retention_days = 3
