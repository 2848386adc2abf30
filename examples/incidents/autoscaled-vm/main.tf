# The setup behind HAZARDS.md incident 5: an API, PostgreSQL and MongoDB in
# Docker on one instance that an Auto Scaling group owns.

variable "ami_id" {
  default = "ami-0c55b159cbfafe1f0"
}

locals {
  name = "shop"
}

resource "aws_launch_template" "shop" {
  name_prefix   = "${local.name}-"
  image_id      = var.ami_id
  instance_type = "t3.large"

  user_data = base64encode(<<-EOT
    #!/bin/bash
    set -e
    yum install -y docker
    systemctl enable --now docker
    docker network create shop
    docker run -d --name postgres --network shop \
      -e POSTGRES_PASSWORD_FILE=/run/secrets/pg \
      -v /var/lib/shop/postgres:/var/lib/postgresql/data \
      postgres:14
    docker run -d --name mongo --network shop \
      -v /var/lib/shop/mongo:/data/db \
      mongo:5.0
    docker run -d --name api --network shop -p 80:8080 \
      -e DATABASE_URL=postgres://api@postgres/shop \
      -e MONGO_URL=mongodb://mongo:27017/shop \
      registry.example.com/shop/api:1.14.2
  EOT
  )

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 200
      volume_type = "gp3"
    }
  }
}

resource "aws_autoscaling_group" "shop" {
  name                = "${local.name}-asg"
  min_size            = 1
  max_size            = 1
  desired_capacity    = 1
  vpc_zone_identifier = ["subnet-0a1b2c3d"]
  health_check_type   = "EC2"

  launch_template {
    id      = aws_launch_template.shop.id
    version = "1"
  }
}
