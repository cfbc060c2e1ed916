# Declared here rather than left to Lambda, so that its retention is set and it goes with the stack.
resource "aws_cloudwatch_log_group" "worker" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
}
