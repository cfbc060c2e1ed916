# Job messages {job_id, book_id, image_id}: the main queue feeds the worker; after max_receive_count receives a
# message moves to the dead-letter queue, where an admin can see and replay it.

resource "aws_sqs_queue" "jobs" {
  name                       = "${local.name}-photo-jobs"
  visibility_timeout_seconds = local.queue_visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  receive_wait_time_seconds  = 20 # long polling, for workers that run as processes instead of the function
  sqs_managed_sse_enabled    = true
}

resource "aws_sqs_queue" "jobs_dead_letter" {
  name                      = "${local.name}-photo-jobs-dlq"
  message_retention_seconds = var.dead_letter_retention_seconds
  sqs_managed_sse_enabled   = true
}

# Kept apart from the queues so that neither queue refers to the other in its own arguments.
resource "aws_sqs_queue_redrive_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_dead_letter.arn
    maxReceiveCount     = var.max_receive_count
  })
}
