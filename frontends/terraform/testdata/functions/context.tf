# The context every expression of expressions.txt is evaluated in, by
# Terraform (regenerate.py) and by blastwall (corpus_test.cc) alike.

variable "str" {
  default = "Hello, World"
}
variable "padded" {
  default = "  padded text \n"
}
variable "num" {
  default = 42
}
variable "frac" {
  default = 2.5
}
variable "neg" {
  default = -7
}
variable "flag" {
  default = true
}
variable "nothing" {
  default = null
}
variable "num_string" {
  default = "15"
}
variable "names" {
  default = ["alpha", "beta", "gamma"]
}
variable "typed_names" {
  type    = list(string)
  default = ["b", "a", "b"]
}
variable "nums" {
  type    = list(number)
  default = [3, 1, 2]
}
variable "mixed" {
  default = ["a", 1, true, null]
}
variable "tags" {
  type = map(string)
  default = {
    env  = "prod"
    team = "data"
  }
}
variable "settings" {
  default = {
    name    = "db"
    port    = 5432
    enabled = true
    zones   = ["a", "b"]
  }
}
variable "nested" {
  default = [[1, 2], [3], []]
}
variable "servers" {
  default = [
    { name = "web", port = 80 },
    { name = "api", port = 443 },
  ]
}
variable "empty_list" {
  default = []
}
variable "empty_map" {
  type    = map(string)
  default = {}
}
variable "cidr" {
  default = "10.0.0.0/16"
}
variable "json" {
  default = "{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}"
}
variable "multiline" {
  default = "line1\nline2\n"
}

locals {
  env        = "prod"
  replicas   = 3
  is_prod    = local.env == "prod"
  prefix     = "${local.env}-app"
  zones      = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  ports      = { http = 80, https = 443 }
  users      = { alice = "admin", bob = "dev", carol = "dev" }
  matrix     = { a = ["x", "y"], b = ["y", "z"] }
  maybe      = null
  empty      = ""
  words      = "the quick brown fox"
  csv        = "a,b,,c"
  versions   = ["1.10", "1.9", "1.2"]
  instances  = [for i in range(local.replicas) : "${local.prefix}-${i}"]
  by_name    = { for s in var.servers : s.name => s.port }
  deep       = { level1 = { level2 = { value = "found" } } }
  bools      = [true, false, true]
  floats     = [1.5, -0.25, 10]
  big        = 9007199254740992
  text_num   = "3.14"
  home_cidrs = ["192.168.0.0/24", "172.16.0.0/12"]
  letters    = toset(["c", "a", "b"])
}
