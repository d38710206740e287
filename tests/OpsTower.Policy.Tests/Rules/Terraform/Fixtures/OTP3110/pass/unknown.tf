variable "protocol" {
  type = string
}

variable "ssl_policy" {
  type = string
}

variable "action_type" {
  type = string
}

resource "aws_lb_listener" "from_variables" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef"
  port              = 443
  protocol          = var.protocol

  default_action {
    type = "fixed-response"
  }
}

resource "aws_lb_listener" "policy_from_variable" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy

  default_action {
    type = "fixed-response"
  }
}

resource "aws_lb_listener" "action_from_variable" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/0123456789abcdef"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = var.action_type
    redirect {
      protocol = "HTTPS"
    }
  }
}
