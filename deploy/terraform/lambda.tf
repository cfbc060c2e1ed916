# The photo worker as a container-image function. One image serves both kinds of invocation: an SQS batch of
# job messages (answered with the batch's failed items only) and the retry sweep's {"retry_queue_failed": true}.

locals {
  worker_environment = merge(
    var.extra_environment,
    {
      BOOKPLATE_ENVIRONMENT             = var.environment
      BOOKPLATE_DATABASE_URL            = var.database_url
      BOOKPLATE_STORAGE_URL             = "s3://${aws_s3_bucket.photos.bucket}/${local.photo_prefix}"
      BOOKPLATE_QUEUE_URL               = aws_sqs_queue.jobs.url
      BOOKPLATE_QUEUE_DEAD_LETTER_URL   = aws_sqs_queue.jobs_dead_letter.url
      BOOKPLATE_QUEUE_MAX_RECEIVE_COUNT = tostring(var.max_receive_count)
    },
    var.storage_public_url == null ? {} : { BOOKPLATE_STORAGE_PUBLIC_URL = var.storage_public_url },
  )
}

resource "aws_lambda_function" "worker" {
  function_name = local.function_name
  description   = "Bookplate photo worker: background removal for queued photo jobs, and the retry sweep"
  role          = aws_iam_role.worker.arn

  package_type  = "Image"
  image_uri     = var.image_uri
  architectures = [var.lambda_architecture]

  # The image's own ENTRYPOINT and WORKDIR are used, and its CMD unless image_command is given. No block at all
  # when there is nothing to override: an empty image_config {} would show as a change on every plan, because
  # Lambda then returns no image configuration.
  dynamic "image_config" {
    for_each = var.image_command == null ? [] : [var.image_command]

    content {
      command = image_config.value
    }
  }

  memory_size                    = var.lambda_memory_mb
  timeout                        = var.lambda_timeout_seconds
  reserved_concurrent_executions = var.reserved_concurrency

  ephemeral_storage {
    size = var.lambda_ephemeral_storage_mb
  }

  environment {
    variables = local.worker_environment
  }

  dynamic "vpc_config" {
    for_each = length(var.subnet_ids) > 0 ? [1] : []

    content {
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.worker,
    aws_ecr_repository_policy.worker,
    aws_iam_role_policy.worker,
    aws_iam_role_policy_attachment.worker_vpc,
  ]
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn                   = aws_sqs_queue.jobs.arn
  function_name                      = aws_lambda_function.worker.arn
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  dynamic "scaling_config" {
    for_each = var.queue_maximum_concurrency == null ? [] : [var.queue_maximum_concurrency]

    content {
      maximum_concurrency = scaling_config.value
    }
  }

  lifecycle {
    precondition {
      condition     = var.batch_size <= 10 || var.maximum_batching_window_seconds > 0
      error_message = "A batch_size above 10 needs maximum_batching_window_seconds above 0."
    }
  }
}
