locals {
  # Every resource name starts with this, so several environments can share one account.
  name = "${var.name_prefix}-${var.environment}"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  bucket_name   = coalesce(var.bucket_name, "${local.name}-photos-${local.account_id}")
  photo_prefix  = trim(var.photo_prefix, "/")
  function_name = "${local.name}-worker"

  # Built from names rather than resource attributes where a resource must refer to the function before it
  # exists (the ECR repository policy) or to avoid a dependency cycle.
  function_arn = "arn:${local.partition}:lambda:${var.region}:${local.account_id}:function:${local.function_name}"

  # AWS's advice for an SQS event source: a visibility timeout of at least six times the function timeout plus
  # the batching window, so a batch whose invocation is throttled and retried is not redelivered meanwhile.
  queue_visibility_timeout_seconds = 6 * var.lambda_timeout_seconds + var.maximum_batching_window_seconds
}
