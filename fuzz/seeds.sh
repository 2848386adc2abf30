#!/usr/bin/env bash
# Generates the libFuzzer seed corpora from the repository (docs/FUZZING.md):
#   fuzz/seeds.sh SOURCE_DIR OUT_DIR
# writes OUT_DIR/terraform, OUT_DIR/rule, OUT_DIR/config and OUT_DIR/tfplan, one file per
# seed named by its content's hash, from what the repository already holds
# (nothing is copied into git):
#   terraform  every .tf and .tfvars under fixtures/ and examples/, one seed
#              each; every directory of them as one seed of several files in
#              the harness's format ("==== path" lines, fuzz_terraform.cc);
#              every .tf.json fixture beside a small main.tf;
#              and the shapes of issue 11 (module cycles, multi-file modules,
#              local module fan-out, locals cycles, odd labels, huge numbers)
#   rule       every rule file of the built-in pack and of the fixtures
#   config     every .blastwall.yaml of the fixtures, the README's example,
#              and one with every key
#   tfplan     every plan under fixtures/tfplan, and a plan with its main.tf
#              and modules/db/main.tf in the harness's format (fuzz_tfplan.cc)
# The output directories are emptied first, so a seed removed from the
# repository leaves the corpus too.
set -euo pipefail
src=${1:?usage: seeds.sh SOURCE_DIR OUT_DIR}
out=${2:?usage: seeds.sh SOURCE_DIR OUT_DIR}
cd "$src"

for target in terraform rule config tfplan; do
  rm -rf "${out:?}/$target"
  mkdir -p "$out/$target"
done

# seed TARGET < text: stores standard input under its hash.
seed() {
  local tmp
  tmp=$(mktemp "$out/$1/.new.XXXXXX")
  cat >"$tmp"
  mv "$tmp" "$out/$1/$(sha1sum "$tmp" | cut -c1-16)"
}

# --- terraform --------------------------------------------------------------
mapfile -t tf_files < <(find fixtures examples -type f \( -name '*.tf' -o -name '*.tfvars' \) | sort)
for f in "${tf_files[@]}"; do seed terraform <"$f"; done
# Each directory holding Terraform, with everything below it, as one input:
# paths relative to it, main.tf first (the harness's first file).
mapfile -t tf_dirs < <(printf '%s\n' "${tf_files[@]}" | xargs -n1 dirname | sort -u)
for d in "${tf_dirs[@]}"; do
  mapfile -t files < <(cd "$d" && find . -type f \( -name '*.tf' -o -name '*.tfvars' \) | sed 's#^\./##' | sort)
  ((${#files[@]} > 1)) || continue
  {
    [[ -f $d/main.tf ]] && cat "$d/main.tf"
    for f in "${files[@]}"; do
      [[ $f == main.tf ]] && continue
      printf '\n==== %s\n' "$f"
      cat "$d/$f"
    done
  } | seed terraform
done

# Each .tf.json fixture (Terraform's JSON syntax) beside a small main.tf.
while IFS= read -r f; do
  {
    printf 'resource "aws_db_instance" "canary" {\n  deletion_protection = false\n}\n'
    printf '\n==== %s\n' "$(basename "$f")"
    cat "$f"
  } | seed terraform
done < <(find fixtures -type f -name '*.tf.json' | sort)

# The shapes of the issue's table, small.
seed terraform <<'EOF'
module "a" { source = "./modules/a" }
resource "aws_db_instance" "canary" { deletion_protection = false }
==== modules/a/main.tf
module "b" { source = "../b" }
==== modules/a/variables.tf
variable "x" { default = 1 }
==== modules/b/main.tf
module "a" { source = "../a" }
EOF
seed terraform <<'EOF'
locals {
  a = local.b
  b = local.a
}
resource "aws_db_instance" "x" { deletion_protection = local.a }
====
====
module "m" { source = "../b" }
EOF
seed terraform <<'EOF'
resource "aws_db_instance" "l" "extra" { deletion_protection = false }
resource "aws_db_instance" "n" { deletion_protection = 1e400 == 1e401 ? true : false }
==== envs/prod/main.tf
module "a" {
  source = "../../modules/a"
  name   = "prod"
}
==== modules/a/main.tf
variable "name" {}
resource "aws_db_instance" "db" {
  identifier          = "${var.name}-db"
  deletion_protection = var.name == "prod"
}
EOF
{
  for m in a b; do
    printf '\n==== modules/%s/main.tf\n' "$m"
    for i in 1 2 3; do printf 'module "m%d" { source = "../%s" }\n' "$i" "$([[ $m == a ]] && echo b || echo c)"; done
  done
  printf '\n==== modules/c/main.tf\nresource "aws_s3_bucket" "b" { bucket = "x" }\n'
} | { printf 'module "top" { source = "./modules/a" }\n'; cat; } | seed terraform
seed terraform <<'EOF'
locals {
  words = [for i in range(4) : join(",", [for j in range(i) : format("%d-%s", j, upper("x"))])]
  m     = { for k, v in zipmap(["a", "b"], [1, 2]) : k => v if v > 1 }
  s     = split(",", join(",", local.words))
  t     = <<-EOT
    %{ for w in local.words }${w}%{ endfor }
  EOT
}
resource "aws_db_instance" "x" {
  count               = length(local.s)
  deletion_protection = try(local.m["b"] > 1, false) && can(regex("^a", "abc"))
  tags                = merge({ Environment = "prod" }, { Name = lookup(local.m, "a", "none") })
}
# blastwall:ignore BW101 -- a reason
/* a block comment */ // and a line comment
EOF

# --- tfplan: every plan of the fixtures; a directory's plan with its .tf files
find fixtures/tfplan -type f -name '*.json' -print0 | sort -z | while IFS= read -r -d '' f; do seed tfplan <"$f"; d=$(dirname "$f"); if [[ -f $d/main.tf ]]; then { cat "$f"; printf '\n====\n'; cat "$d/main.tf"; if [[ -f $d/modules/db/main.tf ]]; then printf '\n====\n'; cat "$d/modules/db/main.tf"; fi; } | seed tfplan; fi; done

# --- rule -------------------------------------------------------------------
mapfile -t rule_files < <(find rules fixtures tests/test_frontend -type f -name '*.yaml' \
  -not -path 'rules/kinds/*' -not -path 'rules/shared/*' -not -name '.blastwall.yaml' \
  -not -name 'expect.yaml' 2>/dev/null | sort)
for f in "${rule_files[@]}"; do
  grep -q '^when:' "$f" && seed rule <"$f"
done
seed rule <<'EOF'
id: FZ001
name: fuzz-seed
category: backup-missing
severity: high
kinds: [database]
let:
  images: lists.database_images
when: >
  self.deletion_protection != true && has(self.backup_retention_days)
  && self.containers.exists(c, imageName(c) in images) && size(self.engine) > 0
  && self.edges("launch-template").all(t, t.prevent_destroy == false)
at: deletion_protection
message: "{type} '{name}' {{literal}} {value}"
unknown_message: "{type} '{name}' may be at risk"
fix: Do the thing.
docs: |
  Why.
EOF

# --- config -----------------------------------------------------------------
find fixtures examples -type f -name '.blastwall.yaml' -print0 | sort -z |
  while IFS= read -r -d '' f; do seed config <"$f"; done
seed config <<'EOF'
environments:            # which paths are production, beyond path words like prod/
  prod: ["infra/eu-*/**"]
rules:
  disable: [BW402]
  severity: {BW451: medium}
  directories: [policies/]  # your own rules; .blastwall/rules/ is read too
exclude: ["vendor/**"]
frontends:               # force the reader of some files, whatever their content says
  terraform: ["legacy/*.hcl"]
fail-on: high
unknown: ignore
test-identifiers: [db.test.internal, 10.9.0.0/16]  # read by rules as params.test_identifiers
parameters: {}           # values for any parameter a rule pack declares
EOF
seed config <<'EOF'
environments:
  prod: ["envs/prod/**", "*.tf"]
  staging: ["**/staging/**"]
exclude: ["vendor.yaml", "**/*.md"]
frontends:
  terraform: ["**/*.tf"]
fail-on: critical
unknown: report
parameters:
  test_identifiers: [db.test.internal]
limits:
  evaluation_steps: 100000
  module_instances: 16
  string_bytes: 65536
  collection_items: 1000
  file_bytes: 1048576
EOF

for target in terraform rule config tfplan; do
  echo "seeds.sh: $(find "$out/$target" -type f | wc -l) $target seeds in $out/$target"
done
