resource "aws_lb" "internal" {
  name     = "api"
  internal = true
}

resource "aws_lb_listener" "forward" {
  load_balancer_arn = aws_lb.internal.arn
  port              = 80
  protocol          = "HTTP"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3110 "aws_lb_listener.forward serves plain HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/api/0123456789abcdef"
  }
}

resource "aws_alb_listener" "same_protocol_redirect" {
  load_balancer_arn = aws_lb.internal.arn
  port              = 8080
  protocol          = "HTTP"
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3110

  default_action {
    type = "redirect"
    redirect {
      port        = "80"
      status_code = "HTTP_301"
    }
  }
}
