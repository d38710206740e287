using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static OpsTower.Policy.Analyzers.Tests.Testing.Verify;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>
/// One rule of each format through Microsoft.CodeAnalysis.CSharp.Analyzer.Testing, with the texts of the engine's rule
/// fixtures (tests/OpsTower.Policy.Tests/Rules/*/Fixtures), marker comments included: each finding is expected on the
/// line above its <c># ^^^</c> marker, at the marker's columns.
/// </summary>
public class FormatAnalyzerTests
{
    // Kubernetes/Fixtures/OTP2002/fail/missing.yaml
    private const string PodWithoutAllowPrivilegeEscalation =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\n  namespace: ops-tower\nspec:\n  containers:\n  - name: app\n#         ^^^ OTP2002\n    image: ops-tower/app:1.0.0\n";

    [Fact]
    public async Task Kubernetes_manifest_finding_is_reported_at_the_container_name()
    {
        var test = Test(onlyRules: new[] { "OTP2002" });
        test.TestState.AdditionalFiles.Add((InRoot("deploy/pod.yaml"), PodWithoutAllowPrivilegeEscalation));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP2002", DiagnosticSeverity.Error).WithSpan(InRoot("deploy/pod.yaml"), 8, 11, 8, 14));
        await test.RunAsync();
    }

    [Fact]
    public async Task Terraform_finding_is_reported_at_the_attribute()
    {
        // Terraform/Fixtures/OTP3001/fail/false.tf
        const string text = "resource \"aws_rds_cluster\" \"aurora\" {\n  engine            = \"aurora-postgresql\"\n  storage_encrypted = false\n# ^^^^^^^^^^^^^^^^^^^^^^^^^ OTP3001\n}\n";
        var test = Test(onlyRules: new[] { "OTP3001" });
        test.TestState.AdditionalFiles.Add((InRoot("infra/rds.tf"), text));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP3001", DiagnosticSeverity.Error).WithSpan(InRoot("infra/rds.tf"), 3, 3, 3, 28));
        await test.RunAsync();
    }

    [Fact]
    public async Task Compose_findings_are_reported_at_each_secret_value()
    {
        // Compose/Fixtures/OTP6001/fail/compose-seed.yml
        const string text =
            "services:\n" +
            "  user-service:\n" +
            "    build: ./services/user-service\n" +
            "    environment:\n" +
            "      - NODE_ENV=development\n" +
            "      - DATABASE_URL=postgres://postgres:password@postgres:5432/ops_tower\n" +
            "#                                        ^^^^^^^^ OTP6001\n" +
            "  postgres:\n" +
            "    image: postgres:14-alpine\n" +
            "    environment:\n" +
            "      POSTGRES_DB: ops_tower\n" +
            "      POSTGRES_PASSWORD: password\n" +
            "#                        ^^^^^^^^ OTP6001\n" +
            "      JWT_SECRET: \"not-so-secret\"\n" +
            "#                 ^^^^^^^^^^^^^^^ OTP6001\n";
        string path = InRoot("docker-compose.yml");
        var test = Test(onlyRules: new[] { "OTP6001" });
        test.TestState.AdditionalFiles.Add((path, text));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP6001", DiagnosticSeverity.Error).WithSpan(path, 6, 42, 6, 50));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP6001", DiagnosticSeverity.Error).WithSpan(path, 12, 26, 12, 34));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP6001", DiagnosticSeverity.Error).WithSpan(path, 14, 19, 14, 34));
        await test.RunAsync();
    }

    // GitHubActions/Fixtures/OTP4008/fail/upload-without-persist-false/.github/workflows/ci.yml
    internal const string CheckoutThenUpload =
        "on: push\n" +
        "permissions:\n" +
        "  contents: read\n" +
        "jobs:\n" +
        "  build:\n" +
        "    runs-on: ubuntu-latest\n" +
        "    steps:\n" +
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n" +
        "#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ OTP4008 \"uploads an artifact\"\n" +
        "      - uses: actions/upload-artifact@0123456789abcdef0123456789abcdef01234567 # v4\n" +
        "        with:\n" +
        "          path: .\n";

    [Fact]
    public async Task Workflow_finding_is_reported_at_the_checkout_reference()
    {
        string path = InRoot(".github/workflows/ci.yml");
        var test = Test(onlyRules: new[] { "OTP4008" });
        test.TestState.AdditionalFiles.Add((path, CheckoutThenUpload));
        // The related location (the artifact upload) is the diagnostic's additional location.
        test.ExpectedDiagnostics.Add(Diagnostic("OTP4008", DiagnosticSeverity.Warning).WithSpan(path, 8, 15, 8, 72).WithSpan(path, 10, 15, 10, 79));
        await test.RunAsync();
    }

    [Fact]
    public async Task Vault_hcl_findings_are_reported_at_each_tls_disable()
    {
        // Vault/Fixtures/OTP7001/fail/tls-disabled.hcl
        const string text =
            "listener \"tcp\" {\n" +
            "  address     = \"0.0.0.0:8200\"\n" +
            "  tls_disable = 1\n" +
            "# ^^^^^^^^^^^^^^^ OTP7001\n" +
            "}\n" +
            "\n" +
            "listener \"tcp\" {\n" +
            "  address     = \"127.0.0.1:8210\"\n" +
            "  tls_disable = \"true\"\n" +
            "# ^^^^^^^^^^^^^^^^^^^^ OTP7001\n" +
            "}\n" +
            "\n" +
            "storage \"raft\" {\n" +
            "  path = \"/vault/data\"\n" +
            "}\n";
        string path = InRoot("vault/config.hcl");
        var test = Test(onlyRules: new[] { "OTP7001" });
        test.TestState.AdditionalFiles.Add((path, text));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP7001", DiagnosticSeverity.Error).WithSpan(path, 3, 3, 3, 18));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP7001", DiagnosticSeverity.Error).WithSpan(path, 9, 3, 9, 23));
        await test.RunAsync();
    }

    [Fact]
    public async Task Repository_rule_is_reported_at_compilation_end_in_the_branch_protection_file()
    {
        // Repository/Fixtures/OTP5030/fail/required-check-no-job-produces (spans from main.json.expect).
        const string protection =
            "{\n" +
            "  \"url\": \"https://api.github.com/repos/acme/ops-tower/branches/main/protection\",\n" +
            "  \"required_status_checks\": {\n" +
            "    \"strict\": true,\n" +
            "    \"contexts\": [\"unit-test\", \"security-scan\", \"Security Scan\", \"codecov/project\"]\n" +
            "  }\n" +
            "}\n";
        const string workflow =
            "name: Continuous Integration\n" +
            "on:\n" +
            "  pull_request:\n" +
            "    branches: [main]\n" +
            "permissions:\n" +
            "  contents: read\n" +
            "jobs:\n" +
            "  unit-tests:\n" +
            "    runs-on: ubuntu-latest\n" +
            "    strategy:\n" +
            "      matrix:\n" +
            "        service: [user-service, trip-service]\n" +
            "    steps:\n" +
            "      - run: npm test\n" +
            "  security-scan:\n" +
            "    name: Security Scan\n" +
            "    runs-on: ubuntu-latest\n" +
            "    steps:\n" +
            "      - run: npm audit\n";
        string path = InRoot(".github/branch-protection/main.json");
        string workflowPath = InRoot(".github/workflows/ci.yml");
        var test = Test(onlyRules: new[] { "OTP5030" });
        test.TestState.AdditionalFiles.Add((path, protection));
        test.TestState.AdditionalFiles.Add((workflowPath, workflow));
        // Each finding's related location, the job with a similar name, is in the other file.
        test.ExpectedDiagnostics.Add(Diagnostic("OTP5030", DiagnosticSeverity.Error).WithSpan(path, 5, 18, 5, 29).WithSpan(workflowPath, 8, 3, 8, 13));
        test.ExpectedDiagnostics.Add(Diagnostic("OTP5030", DiagnosticSeverity.Error).WithSpan(path, 5, 31, 5, 46).WithSpan(workflowPath, 15, 3, 15, 16));
        await test.RunAsync();
    }
}
