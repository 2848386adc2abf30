module "db" {
  source = "./modules/db"
  engine = "mysql"
}
removed {
  from = terraform_data.gone
  lifecycle { destroy = false }
}
resource "terraform_data" "unused" {
  input = "x"
}
