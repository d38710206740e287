using System;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Load balancer listeners serve TLS 1.2+ or redirect HTTP to HTTPS.</summary>
public sealed class LoadBalancerTlsRule : TerraformRule
{
    public static readonly RuleDescriptor Definition = new(
        id: "OTP3110",
        name: "LoadBalancerTls",
        title: "Load balancer listeners use TLS 1.2+ or redirect HTTP to HTTPS.",
        description: "An aws_lb_listener or aws_alb_listener with protocol = \"HTTP\" must have a default_action that redirects to HTTPS; one with protocol \"HTTPS\" or \"TLS\" must set an ssl_policy from allowed_ssl_policies (a missing ssl_policy means ELBSecurityPolicy-2016-08, which accepts TLS 1.0). Internal load balancers are reported too. A listener without protocol, and unknown values, are not reported.",
        defaultLevel: FindingLevel.Error,
        securitySeverity: 7.0,
        category: "Terraform",
        tags: new[] { "security", "terraform", "aws", "elb", "tls", "encryption" },
        helpMarkdown: """
            ## Why
            An HTTP listener sends requests, cookies and tokens in clear text to anyone on the path. An HTTPS or TLS
            listener without a security policy gets `ELBSecurityPolicy-2016-08`, which still accepts TLS 1.0 and 1.1
            and CBC ciphers.

            Listeners of internal load balancers (`internal = true`) are reported as well: the baseline asks for
            encryption in transit everywhere, and traffic inside a VPC crosses shared infrastructure and is
            readable by anything that gains a foothold there.

            ## How to fix
            Make the HTTP listener's `default_action` a `redirect` with `protocol = "HTTPS"` (and serve the
            application on an HTTPS listener), and give HTTPS and TLS listeners an `ssl_policy` from the
            `allowed_ssl_policies` parameter, such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.

            ## Example
            Bad:
            ```hcl
            resource "aws_lb_listener" "web" {
              load_balancer_arn = aws_lb.web.arn
              port              = 443
              protocol          = "HTTPS"
              certificate_arn   = aws_acm_certificate.web.arn

              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.web.arn
              }
            }
            ```
            Good:
            ```hcl
            resource "aws_lb_listener" "web" {
              load_balancer_arn = aws_lb.web.arn
              port              = 443
              protocol          = "HTTPS"
              ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
              certificate_arn   = aws_acm_certificate.web.arn

              default_action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.web.arn
              }
            }

            resource "aws_lb_listener" "redirect" {
              load_balancer_arn = aws_lb.web.arn
              port              = 80
              protocol          = "HTTP"

              default_action {
                type = "redirect"
                redirect {
                  port        = "443"
                  protocol    = "HTTPS"
                  status_code = "HTTP_301"
                }
              }
            }
            ```
            """,
        precision: "high",
        peers: new[]
        {
            new PeerRule("Checkov", "CKV_AWS_2"),
            new PeerRule("Checkov", "CKV_AWS_103"),
            new PeerRule("tfsec", "aws-elb-http-not-used"),
            new PeerRule("tfsec", "aws-elb-use-secure-tls-policy"),
            new PeerRule("Trivy", "AVD-AWS-0054"),
            new PeerRule("Trivy", "AVD-AWS-0047"),
        });

    public override RuleDescriptor Descriptor => Definition;

    protected override void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report)
    {
        var allowed = parameters.GetStringList("allowed_ssl_policies");
        string example = allowed.Count == 0 ? "" : $" such as {allowed[0]}";
        foreach (var listener in project.ResourcesOfType("aws_lb_listener", "aws_alb_listener"))
        {
            var protocol = listener.Attribute("protocol");
            if (protocol is null || TerraformFacts.AsString(protocol.Value) is not { } name) continue;
            if (name.Equals("HTTP", StringComparison.OrdinalIgnoreCase))
            {
                if (RedirectsToHttps(listener) == false)
                    report.At(listener.Module, protocol, $"{listener.LocalAddress} serves plain HTTP and its default_action does not redirect to HTTPS, so requests, cookies and tokens cross the network in clear text.");
            }
            else if (name.Equals("HTTPS", StringComparison.OrdinalIgnoreCase) || name.Equals("TLS", StringComparison.OrdinalIgnoreCase))
            {
                var policy = listener.Attribute("ssl_policy");
                if (policy is null || policy.Value.IsNull)
                    report.At(listener.Module, listener.Body, $"{listener.LocalAddress} sets no ssl_policy, so it uses ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1: set an allowed TLS 1.2+ policy{example}.");
                else if (TerraformFacts.AsString(policy.Value) is { } value && !allowed.Contains(value, StringComparer.Ordinal))
                    report.At(listener.Module, policy, $"{listener.LocalAddress} uses ssl_policy \"{value}\", which is not in allowed_ssl_policies: use an allowed TLS 1.2+ policy{example}.");
            }
        }
    }

    /// <summary>True when every default action is a redirect to HTTPS, false when one is proven not to be, null when unknown.</summary>
    private static bool? RedirectsToHttps(TerraformResource listener)
    {
        var actions = listener.Body.BlocksOfType("default_action").ToList();
        if (actions.Count == 0) return false;
        bool? result = true;
        foreach (var action in actions)
        {
            string? type = TerraformFacts.AsString(action.ValueOf("type"));
            if (type is null) { result = null; continue; }
            if (type != "redirect") return false;
            var redirect = action.BlocksOfType("redirect").FirstOrDefault();
            // A redirect without protocol keeps the request's own ("#{protocol}"), so it stays on HTTP.
            var target = redirect?.ValueOf("protocol") ?? HclValue.Null;
            if (target.IsNull) return false;
            if (TerraformFacts.AsString(target) is not { } text) result = null;
            else if (!text.Equals("HTTPS", StringComparison.OrdinalIgnoreCase)) return false;
        }
        return result;
    }
}
