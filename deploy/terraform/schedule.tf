# The retry sweep: every 5 minutes the worker re-sends jobs whose enqueue failed (DESIGN.md, step 3).

resource "aws_cloudwatch_event_rule" "retry_sweep" {
  name                = "${local.name}-retry-sweep"
  description         = "Bookplate: re-send photo jobs whose enqueue failed"
  schedule_expression = var.retry_sweep_schedule
}

resource "aws_cloudwatch_event_target" "retry_sweep" {
  rule  = aws_cloudwatch_event_rule.retry_sweep.name
  arn   = aws_lambda_function.worker.arn
  input = jsonencode({ retry_queue_failed = true })
}

resource "aws_lambda_permission" "retry_sweep" {
  statement_id  = "AllowRetrySweepSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.worker.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.retry_sweep.arn
}
