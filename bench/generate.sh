#!/usr/bin/env bash
# Writes a synthetic Terraform monorepo for benchmarks: DIRS module directories
# of FILES files with RESOURCES resources each, a realistic mix of databases,
# buckets, launch templates and Auto Scaling groups with variables, locals,
# templates and references. Usage: bench/generate.sh OUT [DIRS] [FILES] [RESOURCES]
set -euo pipefail
out=${1:?usage: generate.sh OUT [DIRS] [FILES] [RESOURCES]}
dirs=${2:-500}
files=${3:-4}
resources=${4:-25}
rm -rf "$out"
mkdir -p "$out"
# Its own repository root, like a real monorepo: without it a corpus under a
# git checkout would be scanned together with the rest of that checkout.
echo "# blastwall benchmark corpus" >"$out/.blastwall.yaml"
awk -v out="$out" -v dirs="$dirs" -v files="$files" -v resources="$resources" 'BEGIN {
  envs[0] = "prod"; envs[1] = "staging"; envs[2] = "dev"; envs[3] = "services"
  for (d = 0; d < dirs; d++) {
    dir = out "/" envs[d % 4] "/team" d
    system("mkdir -p " dir)
    vars = dir "/variables.tf"
    print "variable \"retention\" {\n  default = " (d % 3) * 7 "\n}\n" > vars
    print "variable \"protect\" {}\n" > vars
    print "locals {\n  name = \"team" d "\"\n  prod = " (d % 4 == 0 ? "true" : "false") "\n}" > vars
    close(vars)
    for (f = 0; f < files; f++) {
      path = dir "/main" f ".tf"
      for (r = 0; r < resources; r++) {
        id = f "_" r
        kind = r % 5
        if (kind == 0) {
          printf "resource \"aws_db_instance\" \"db%s\" {\n  identifier = \"${local.name}-%s\"\n  engine = \"postgres\"\n  deletion_protection = local.prod\n  backup_retention_period = var.retention\n  skip_final_snapshot = %s\n  tags = { Team = local.name }\n}\n\n", id, id, (r % 2 ? "true" : "false") > path
        } else if (kind == 1) {
          printf "resource \"aws_dynamodb_table\" \"t%s\" {\n  name = \"${local.name}-t%s\"\n  hash_key = \"id\"\n  deletion_protection_enabled = var.protect\n  point_in_time_recovery {\n    enabled = %s\n  }\n}\n\n", id, id, (r % 3 ? "true" : "false") > path
        } else if (kind == 2) {
          printf "resource \"aws_s3_bucket\" \"b%s\" {\n  bucket = \"${local.name}-b%s\"\n  force_destroy = false\n}\n\n", id, id > path
        } else if (kind == 3) {
          printf "resource \"aws_launch_template\" \"lt%s\" {\n  name_prefix = \"lt-\"\n  user_data = base64encode(<<-EOT\n    docker run -d postgres:15\n    docker run -d ghcr.io/acme/api:1\n  EOT\n  )\n}\n\n", id > path
        } else {
          printf "resource \"aws_autoscaling_group\" \"asg%s\" {\n  min_size = 1\n  max_size = 3\n  launch_template {\n    id = aws_launch_template.lt%s_%d.id\n  }\n}\n\n", id, f, r - 1 > path
        }
      }
      close(path)
    }
  }
}'
echo "wrote $out: $dirs directories, $((dirs * files)) files, $((dirs * files * resources)) resources"
