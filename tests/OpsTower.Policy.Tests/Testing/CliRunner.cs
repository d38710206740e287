using OpsTower.Policy.Cli;

namespace OpsTower.Policy.Tests.Testing;

/// <summary>Runs the command line in-process: arguments in, exit code and both outputs out.</summary>
internal static class CliRunner
{
    public const string RootUserDockerfile = "FROM alpine:3.19\nUSER root\nCMD [\"sh\"]\n";

    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
