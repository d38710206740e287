# The policy lives in a JSON file beside the module: file() reads it; the finding points at the attribute that uses it.
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = file("${path.module}/policies/admin.json")
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3090 "statement "FullAccess" allows Action "*" on every resource ("*"), which is full administrator access (in module.iam, loaded by the module block at main.tf:1)"
}
