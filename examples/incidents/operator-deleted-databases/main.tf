# One operator account could delete the production databases and every
# backup of them, with nothing but a password.

resource "aws_iam_user" "operator" {
  name = "operator"
}

resource "aws_iam_user_policy" "operator" {
  user = aws_iam_user.operator.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Databases", Effect = "Allow", Action = ["rds:*"], Resource = "*" },
      { Sid = "Backups", Effect = "Allow", Action = ["backup:*"], Resource = "*" },
    ]
  })
}

resource "aws_db_instance" "customers" {
  identifier              = "customers"
  engine                  = "postgres"
  instance_class          = "db.r6g.xlarge"
  allocated_storage       = 500
  backup_retention_period = 7
  deletion_protection     = false
  skip_final_snapshot     = true

  lifecycle {
    prevent_destroy = true
  }
}
