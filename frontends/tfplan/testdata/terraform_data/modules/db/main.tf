variable "engine" {}
resource "terraform_data" "this" {
  input            = { engine = var.engine, deletion_protection = false }
  triggers_replace = [var.engine]
}
