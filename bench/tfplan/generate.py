#!/usr/bin/env python3
"""Writes a large Terraform plan in the shape `terraform show -json` gives:
planned_values, resource_changes, prior_state and configuration, each with
every resource, so a plan of N resources holds each resource's values
about four times, as real plans do.

    bench/tfplan/generate.py OUT.json [MEGABYTES]   (default 50)

One database in 5,000 is replaced (engine forces replacement), one in
1,000 has deletion protection off; the rest are no-ops and other types.
Written as a stream, so the generator itself stays small.
"""
import json
import sys

out_path = sys.argv[1]
target = int(sys.argv[2] if len(sys.argv) > 2 else 50) * 1024 * 1024
# Each resource is about 1.65 KB across the four sections.
count = max(1, target // 1650)


def values(i):
    kind = i % 4
    if kind == 0:
        return "aws_db_instance", {
            "identifier": f"orders-{i}", "engine": "postgres", "engine_version": "16.3",
            "instance_class": "db.r6g.large", "allocated_storage": 100,
            "deletion_protection": i % 1000 != 0, "backup_retention_period": 7,
            "skip_final_snapshot": False, "storage_encrypted": True,
            "tags": {"team": "orders", "service": f"svc-{i % 97}"},
        }
    if kind == 1:
        return "aws_s3_bucket", {"bucket": f"logs-{i}", "force_destroy": False,
                                 "tags": {"team": "platform"}}
    if kind == 2:
        return "aws_security_group", {
            "name": f"sg-{i}", "vpc_id": "vpc-0123456789abcdef0",
            "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp",
                         "cidr_blocks": ["10.0.0.0/8"]}],
        }
    return "aws_iam_role", {"name": f"role-{i}", "assume_role_policy": json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                 "Principal": {"Service": "ec2.amazonaws.com"}}]})}


def address(i):
    return f"{values(i)[0]}.r{i}"


with open(out_path, "w") as out:
    w = out.write
    w('{"format_version": "1.2", "terraform_version": "1.11.0",\n')
    w('"planned_values": {"root_module": {"resources": [\n')
    for i in range(count):
        t, v = values(i)
        w((",\n" if i else "") + json.dumps({"address": address(i), "mode": "managed", "type": t,
                                               "name": f"r{i}", "values": v}))
    w("]}},\n\"resource_changes\": [\n")
    for i in range(count):
        t, v = values(i)
        replaced = t == "aws_db_instance" and i % 5000 == 0
        before = dict(v, engine="mysql") if replaced else v
        change = {"actions": ["delete", "create"] if replaced else ["no-op"],
                  "before": before, "after": v, "after_unknown": {"arn": replaced},
                  "before_sensitive": {}, "after_sensitive": {}}
        if replaced:
            change["replace_paths"] = [["engine"]]
        w((",\n" if i else "") + json.dumps({"address": address(i), "mode": "managed", "type": t,
                                               "name": f"r{i}", "change": change}))
    w("],\n\"prior_state\": {\"format_version\": \"1.0\", \"values\": {\"root_module\": {\"resources\": [\n")
    for i in range(count):
        t, v = values(i)
        w((",\n" if i else "") + json.dumps({"address": address(i), "mode": "managed", "type": t,
                                               "name": f"r{i}", "values": v}))
    w("]}}},\n\"configuration\": {\"root_module\": {\"resources\": [\n")
    for i in range(count):
        t, v = values(i)
        w((",\n" if i else "") + json.dumps({"address": address(i), "mode": "managed", "type": t,
                                               "name": f"r{i}", "expressions": {
                                                   k: {"constant_value": x} for k, x in v.items()}}))
    w("]}}}\n")
