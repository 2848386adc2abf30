# A product catalogue in Elasticsearch that anyone could write to: a DELETE
# sent where a GET was meant removed every document.

resource "aws_elasticsearch_domain" "catalogue" {
  domain_name           = "catalogue"
  elasticsearch_version = "7.10"

  cluster_config {
    instance_type  = "r6g.large.elasticsearch"
    instance_count = 3
  }

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/catalogue/*"
    }]
  })
}
