output "bucket_name" {
  description = "Photo bucket."
  value       = aws_s3_bucket.photos.bucket
}

output "storage_url" {
  description = "BOOKPLATE_STORAGE_URL for API processes and long-lived workers."
  value       = "s3://${aws_s3_bucket.photos.bucket}/${local.photo_prefix}"
}

output "queue_url" {
  description = "Main job queue (BOOKPLATE_QUEUE_URL)."
  value       = aws_sqs_queue.jobs.url
}

output "dead_letter_queue_url" {
  description = "Dead-letter queue (BOOKPLATE_QUEUE_DEAD_LETTER_URL)."
  value       = aws_sqs_queue.jobs_dead_letter.url
}

output "function_name" {
  description = "Worker function."
  value       = aws_lambda_function.worker.function_name
}

output "function_arn" {
  description = "Worker function ARN."
  value       = aws_lambda_function.worker.arn
}

output "log_group_name" {
  description = "Worker's CloudWatch log group."
  value       = aws_cloudwatch_log_group.worker.name
}

output "ecr_repository_url" {
  description = "Where to push the worker image (docker push <url>:<tag>)."
  value       = aws_ecr_repository.worker.repository_url
}
