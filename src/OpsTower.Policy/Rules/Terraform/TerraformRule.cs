using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Terraform;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>
/// A rule over the evaluated Terraform modules of a scan (<see cref="TerraformProject.For"/>, computed once for
/// all rules). Implementations read their parameters first, then report through <see cref="TerraformReport"/>.
/// </summary>
public abstract class TerraformRule : RepositoryRule
{
    public sealed override void Analyze(RepositoryModel repository, RuleContext context)
    {
        var report = new TerraformReport(context);
        Analyze(TerraformProject.For(repository), context.Parameters, report);
        report.Flush();
    }

    protected abstract void Analyze(TerraformProject project, RuleParameters parameters, TerraformReport report);
}

/// <summary>
/// Collects a rule's findings. A finding inside a local module names the module blocks that load it and lists them
/// as related locations; the same finding reached through several module instances (or <c>count</c> indexes) is
/// reported once.
/// </summary>
public sealed class TerraformReport
{
    private readonly RuleContext _context;
    private readonly Dictionary<(string Path, int Start, int Length, string Message), Pending> _findings = new();
    private readonly List<Pending> _order = new();

    internal TerraformReport(RuleContext context) => _context = context;

    /// <summary>At an attribute of a resource (or module call) in a module instance.</summary>
    public void At(TerraformModule module, TerraformAttribute attribute, string message) => At(module, attribute.File, attribute.Span, message);

    /// <summary>At a block's header: for what the block lacks.</summary>
    public void At(TerraformModule module, TerraformBlock block, string message) => At(module, block.File, block.HeaderSpan, message);

    public void At(TerraformModule module, SourceFile file, TextSpan span, string message)
    {
        var pending = Find(file, span, message);
        var chain = module.CallChain;
        if (chain.Count == 0) return;
        pending.AddCaller(string.Join(".", chain.Select(c => "module." + c.Name)), chain[chain.Count - 1]);
        foreach (var call in chain)
            pending.AddRelated(new RelatedLocation(call.Body.File, call.Body.HeaderSpan, $"{call.Address} loads \"{call.Source}\" here."));
    }

    /// <summary>At a place outside any module instance (a variable declaration, a <c>.tfvars</c> line).</summary>
    public void At(SourceFile file, TextSpan span, string message) => Find(file, span, message);

    internal void Flush()
    {
        foreach (var pending in _order) _context.Report(pending.File, pending.Span, pending.FullMessage, pending.Related.Count == 0 ? null : pending.Related);
    }

    private Pending Find(SourceFile file, TextSpan span, string message)
    {
        var key = (file.Path, span.Start, span.Length, message);
        if (!_findings.TryGetValue(key, out var pending))
        {
            pending = new Pending(file, span, message);
            _findings.Add(key, pending);
            _order.Add(pending);
        }
        return pending;
    }

    private sealed class Pending
    {
        private readonly HashSet<(string, int, int)> _relatedKeys = new();

        public Pending(SourceFile file, TextSpan span, string message)
        {
            File = file;
            Span = span;
            Message = message;
        }

        public SourceFile File { get; }
        public TextSpan Span { get; }
        public string Message { get; }
        public List<RelatedLocation> Related { get; } = new();

        /// <summary>The message, naming the module calls that reach the place: "… (in module.db, loaded by the module block at main.tf:3)."</summary>
        public string FullMessage
        {
            get
            {
                if (_callers.Count == 0) return Message;
                string modules = string.Join(" and ", _callers.Select(c => c.Chain));
                string blocks = string.Join(", ", _callers.Select(c => $"{c.Call.Body.File.Path}:{c.Call.Body.File.GetPosition(c.Call.Body.HeaderSpan.Start).Line}").Distinct());
                string suffix = $" (in {modules}, loaded by the module block{(_callers.Count > 1 ? "s" : "")} at {blocks})";
                return Message.EndsWith(".", StringComparison.Ordinal) ? Message.Substring(0, Message.Length - 1) + suffix + "." : Message + suffix;
            }
        }

        private readonly List<(string Chain, TerraformModuleCall Call)> _callers = new();

        public void AddCaller(string chain, TerraformModuleCall call)
        {
            if (_callers.All(c => c.Chain != chain)) _callers.Add((chain, call));
        }

        public void AddRelated(RelatedLocation location)
        {
            if (_relatedKeys.Add((location.File.Path, location.Span.Start, location.Span.Length))) Related.Add(location);
        }
    }
}
