using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// How Terraform modules are evaluated. The rules read <see cref="Current"/>, which a caller sets around a scan with
/// <see cref="Use"/>: <c>using (TerraformOptions.Use(TerraformOptions.WithVarFiles(paths))) engine.Scan(…);</c>.
/// </summary>
public sealed class TerraformOptions
{
    private static readonly AsyncLocal<TerraformOptions?> Ambient = new();

    public static TerraformOptions Default { get; } = new();

    /// <summary>The options of the current scan (those given to <see cref="Use"/>, else <see cref="Default"/>).</summary>
    public static TerraformOptions Current => Ambient.Value ?? Default;

    /// <summary>
    /// Variable files as given with <c>terraform plan -var-file</c>, in order: they apply to every root module, after
    /// its <c>terraform.tfvars</c> and <c>*.auto.tfvars</c>, and a later file wins. Values of variables a module does
    /// not declare are ignored.
    /// </summary>
    public IReadOnlyList<SourceFile> VarFiles { get; init; } = Array.Empty<SourceFile>();

    /// <summary>
    /// Every file of the scanned tree, by path relative to the scan root, for <c>file</c>, <c>templatefile</c>,
    /// <c>fileset</c> and the other file functions. When null they read only the files the scan parsed (<c>.tf</c>,
    /// <c>.hcl</c>, YAML…): a file outside that set is unknown rather than missing, and <c>fileset</c> is unknown
    /// because its listing could be incomplete. Given, it is taken as the whole tree.
    /// </summary>
    public IReadOnlyList<SourceFile>? Files { get; init; }

    /// <summary>Reads <c>-var-file</c> paths (absolute or relative to the current folder); findings name them as given.</summary>
    public static TerraformOptions WithVarFiles(IEnumerable<string> paths) => new()
    {
        VarFiles = paths.Select(p => new SourceFile(p.Replace('\\', '/'), File.ReadAllText(p, Encoding.UTF8))).ToList(),
    };

    /// <summary>Makes these the <see cref="Current"/> options until the result is disposed (for this async flow only).</summary>
    public static IDisposable Use(TerraformOptions options)
    {
        var previous = Ambient.Value;
        Ambient.Value = options;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly TerraformOptions? _previous;

        public Restore(TerraformOptions? previous) => _previous = previous;

        public void Dispose() => Ambient.Value = _previous;
    }
}
