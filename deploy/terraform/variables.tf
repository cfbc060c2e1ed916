# ---------------------------------------------------------------------------------------------------------------
# Where and what
# ---------------------------------------------------------------------------------------------------------------

variable "region" {
  description = "AWS region of the whole stack."
  type        = string
  default     = "us-east-1"
}

variable "name_prefix" {
  description = "First part of every resource name (names are <name_prefix>-<environment>-...)."
  type        = string
  default     = "bookplate"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,23}$", var.name_prefix))
    error_message = "name_prefix must be 2-24 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name; part of resource names and passed to the app as BOOKPLATE_ENVIRONMENT."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must be 2-16 characters: lower-case letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Extra tags for every resource (on top of Project, Environment and ManagedBy)."
  type        = map(string)
  default     = {}
}

# ---------------------------------------------------------------------------------------------------------------
# Photo bucket
# ---------------------------------------------------------------------------------------------------------------

variable "bucket_name" {
  description = "Name of the photo bucket; null gives <name_prefix>-<environment>-photos-<account id>."
  type        = string
  default     = null
}

variable "photo_prefix" {
  description = "Key prefix of the photos in the bucket (BOOKPLATE_STORAGE_URL is s3://<bucket>/<prefix>)."
  type        = string
  default     = "photos"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._/-]*$", trim(var.photo_prefix, "/")))
    error_message = "photo_prefix must be a non-empty key prefix of letters, digits, '.', '_', '-' and '/'."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which overwritten or deleted photo versions are removed for good; null keeps them forever."
  type        = number
  default     = null

  validation {
    condition     = var.noncurrent_version_expiration_days == null ? true : var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1 (or null)."
  }
}

variable "bucket_force_destroy" {
  description = "Let `terraform destroy` delete the bucket with all photos in it. Keep false in production."
  type        = bool
  default     = false
}

variable "storage_public_url" {
  description = "Public base URL of the photos (a CDN in front of the bucket), passed as BOOKPLATE_STORAGE_PUBLIC_URL; null leaves it unset."
  type        = string
  default     = null
}

# ---------------------------------------------------------------------------------------------------------------
# Queues
# ---------------------------------------------------------------------------------------------------------------

variable "max_receive_count" {
  description = "Receives of a job message after which SQS moves it to the dead-letter queue."
  type        = number
  default     = 3

  validation {
    condition     = var.max_receive_count >= 1 && var.max_receive_count <= 1000
    error_message = "max_receive_count must be between 1 and 1000."
  }
}

variable "message_retention_seconds" {
  description = "How long the main queue keeps a job message (SQS allows 60 s to 14 days)."
  type        = number
  default     = 345600 # 4 days

  validation {
    condition     = var.message_retention_seconds >= 60 && var.message_retention_seconds <= 1209600
    error_message = "message_retention_seconds must be between 60 and 1209600."
  }
}

variable "dead_letter_retention_seconds" {
  description = "How long the dead-letter queue keeps a message; longer than the main queue's, so an admin can replay it."
  type        = number
  default     = 1209600 # 14 days, the SQS maximum

  validation {
    condition     = var.dead_letter_retention_seconds >= 60 && var.dead_letter_retention_seconds <= 1209600
    error_message = "dead_letter_retention_seconds must be between 60 and 1209600."
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Worker function
# ---------------------------------------------------------------------------------------------------------------

variable "image_uri" {
  description = "Worker container image in ECR, e.g. <account>.dkr.ecr.<region>.amazonaws.com/bookplate-production-worker:<tag>."
  type        = string
}

variable "image_command" {
  description = "Replaces the worker image's CMD (e.g. [\"lambda\"] when one image serves several commands); null keeps the image's own."
  type        = list(string)
  default     = null
}

variable "lambda_architecture" {
  description = "Instruction set of the worker image: x86_64 or arm64."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.lambda_architecture)
    error_message = "lambda_architecture must be x86_64 or arm64."
  }
}

variable "lambda_memory_mb" {
  description = "Memory of the worker function in MB (CPU share grows with it)."
  type        = number
  default     = 3008

  validation {
    condition     = var.lambda_memory_mb >= 128 && var.lambda_memory_mb <= 10240
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "lambda_timeout_seconds" {
  description = "Timeout of one worker invocation (a batch of jobs, or a retry sweep). The queue's visibility timeout is six times this."
  type        = number
  default     = 300

  validation {
    condition     = var.lambda_timeout_seconds >= 1 && var.lambda_timeout_seconds <= 900
    error_message = "lambda_timeout_seconds must be between 1 and 900."
  }
}

variable "lambda_ephemeral_storage_mb" {
  description = "Size of the function's /tmp in MB."
  type        = number
  default     = 1024

  validation {
    condition     = var.lambda_ephemeral_storage_mb >= 512 && var.lambda_ephemeral_storage_mb <= 10240
    error_message = "lambda_ephemeral_storage_mb must be between 512 and 10240."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions of the worker (caps database connections); -1 leaves it unreserved."
  type        = number
  default     = 10

  validation {
    condition     = var.reserved_concurrency == -1 || var.reserved_concurrency >= 0
    error_message = "reserved_concurrency must be -1 (unreserved) or at least 0."
  }
}

variable "database_url" {
  description = "postgres://USER:PASSWORD@HOST:PORT/DB of the shared database, passed as BOOKPLATE_DATABASE_URL."
  type        = string
  sensitive   = true
}

variable "extra_environment" {
  description = "More BOOKPLATE_* settings for the worker (e.g. BOOKPLATE_PIPELINE_ATTEMPTS); the ones this stack sets win."
  type        = map(string)
  default     = {}
}

variable "subnet_ids" {
  description = "Private subnets for the worker when the database is only reachable inside a VPC; empty runs it outside any VPC."
  type        = list(string)
  default     = []
}

variable "security_group_ids" {
  description = "Security groups of the worker when subnet_ids is set."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "Days CloudWatch keeps the worker's logs."
  type        = number
  default     = 30

  validation {
    condition = contains(
      [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
      var.log_retention_days,
    )
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

# ---------------------------------------------------------------------------------------------------------------
# Feeding the worker
# ---------------------------------------------------------------------------------------------------------------

variable "batch_size" {
  description = "Job messages per invocation from the queue (above 10 needs maximum_batching_window_seconds > 0)."
  type        = number
  default     = 1

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000
    error_message = "batch_size must be between 1 and 10000."
  }
}

variable "maximum_batching_window_seconds" {
  description = "How long the event source may gather messages before invoking the worker (0-300)."
  type        = number
  default     = 0

  validation {
    condition     = var.maximum_batching_window_seconds >= 0 && var.maximum_batching_window_seconds <= 300
    error_message = "maximum_batching_window_seconds must be between 0 and 300."
  }
}

variable "queue_maximum_concurrency" {
  description = "Most concurrent invocations the queue's event source starts (2-1000); null means no limit. Keep it below reserved_concurrency so that throttled batches do not use up receives."
  type        = number
  default     = null

  validation {
    condition     = var.queue_maximum_concurrency == null ? true : (var.queue_maximum_concurrency >= 2 && var.queue_maximum_concurrency <= 1000)
    error_message = "queue_maximum_concurrency must be between 2 and 1000 (or null)."
  }
}

variable "retry_sweep_schedule" {
  description = "EventBridge schedule of the retry sweep (re-sends jobs whose enqueue failed)."
  type        = string
  default     = "rate(5 minutes)"
}

# ---------------------------------------------------------------------------------------------------------------
# Image repository
# ---------------------------------------------------------------------------------------------------------------

variable "ecr_keep_images" {
  description = "How many most recent worker images the ECR repository keeps."
  type        = number
  default     = 20

  validation {
    condition     = var.ecr_keep_images >= 1
    error_message = "ecr_keep_images must be at least 1."
  }
}

variable "ecr_force_delete" {
  description = "Let `terraform destroy` delete the ECR repository with its images."
  type        = bool
  default     = false
}
