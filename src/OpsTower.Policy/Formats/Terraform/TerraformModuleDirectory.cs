using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>A block of a module's configuration and the file it is in.</summary>
public sealed record TerraformSyntaxBlock(HclBlock Block, SourceFile File);

/// <summary>
/// The configuration of one folder of <c>.tf</c> files, read once however many module instances use it: its
/// variables, locals (with their evaluation order), resources, module calls, providers and settings.
/// </summary>
public sealed class TerraformModuleDirectory
{
    internal TerraformModuleDirectory(string path, IReadOnlyList<TerraformFile> files, IReadOnlyList<TerraformVariablesFile> variablesFiles)
    {
        Path = path;
        Files = files;
        VariablesFiles = variablesFiles;
        var blocks = files.SelectMany(f => f.Syntax.Body.Blocks.Select(b => new TerraformSyntaxBlock(b, f.File))).ToList();
        Variables = Distinct(blocks.Where(b => b.Block.Type == "variable" && b.Block.Labels.Count == 1));
        Outputs = Distinct(blocks.Where(b => b.Block.Type == "output" && b.Block.Labels.Count == 1));
        Resources = blocks.Where(b => (b.Block.Type == "resource" || b.Block.Type == "data") && b.Block.Labels.Count == 2).ToList();
        ModuleCalls = blocks.Where(b => b.Block.Type == "module" && b.Block.Labels.Count == 1).ToList();
        Providers = blocks.Where(b => b.Block.Type == "provider" && b.Block.Labels.Count == 1).ToList();
        Settings = blocks.Where(b => b.Block.Type == "terraform").ToList();

        var locals = new Dictionary<string, (HclAttribute, SourceFile)>(StringComparer.Ordinal);
        foreach (var block in blocks.Where(b => b.Block.Type == "locals"))
        foreach (HclAttribute attribute in block.Block.Body.Attributes)
        {
            if (!locals.ContainsKey(attribute.Name)) locals.Add(attribute.Name, (attribute, block.File));
        }
        Locals = locals;
        LocalOrder = OrderLocals(out var cycles);
        LocalCycles = cycles;
    }

    /// <summary>'/'-separated, empty for the scan root.</summary>
    public string Path { get; }

    public IReadOnlyList<TerraformFile> Files { get; }

    /// <summary>Every <c>.tfvars</c> file in the folder (only the automatically loaded ones give root variables their values).</summary>
    public IReadOnlyList<TerraformVariablesFile> VariablesFiles { get; }

    /// <summary><c>variable</c> blocks by name (the first when repeated).</summary>
    public IReadOnlyDictionary<string, TerraformSyntaxBlock> Variables { get; }

    public IReadOnlyDictionary<string, TerraformSyntaxBlock> Outputs { get; }

    /// <summary><c>resource</c> and <c>data</c> blocks.</summary>
    public IReadOnlyList<TerraformSyntaxBlock> Resources { get; }

    public IReadOnlyList<TerraformSyntaxBlock> ModuleCalls { get; }
    public IReadOnlyList<TerraformSyntaxBlock> Providers { get; }

    /// <summary><c>terraform</c> blocks.</summary>
    public IReadOnlyList<TerraformSyntaxBlock> Settings { get; }

    internal IReadOnlyDictionary<string, (HclAttribute Attribute, SourceFile File)> Locals { get; }

    /// <summary>Locals so that each comes after the locals it uses; those in a cycle are left out.</summary>
    internal IReadOnlyList<string> LocalOrder { get; }

    /// <summary>Each cycle of locals, as the names in it.</summary>
    internal IReadOnlyList<IReadOnlyList<string>> LocalCycles { get; }

    /// <summary>Names of the locals an expression uses.</summary>
    internal static IEnumerable<string> LocalReferences(HclNode node) =>
        HclTraversal.References(node)
            .Where(r => r.RootName == "local" && r.Traversal.Count > 1 && r.Traversal[1] is HclTraverseAttribute)
            .Select(r => ((HclTraverseAttribute)r.Traversal[1]).Name);

    private static IReadOnlyDictionary<string, TerraformSyntaxBlock> Distinct(IEnumerable<TerraformSyntaxBlock> blocks)
    {
        var byName = new Dictionary<string, TerraformSyntaxBlock>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (!byName.ContainsKey(block.Block.Labels[0].Value)) byName.Add(block.Block.Labels[0].Value, block);
        }
        return byName;
    }

    /// <summary>Depth-first topological order (iterative, so long chains cannot overflow the stack).</summary>
    private IReadOnlyList<string> OrderLocals(out IReadOnlyList<IReadOnlyList<string>> cycles)
    {
        var order = new List<string>();
        var foundCycles = new List<IReadOnlyList<string>>();
        var dependencies = Locals.ToDictionary(p => p.Key, p => LocalReferences(p.Value.Attribute.Expression).Where(Locals.ContainsKey).Distinct().ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var inCycle = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in Locals.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (state.ContainsKey(start)) continue;
            var path = new List<string> { start };
            var pending = new Stack<IEnumerator<string>>();
            state[start] = 1;
            pending.Push(dependencies[start].GetEnumerator());
            while (pending.Count > 0)
            {
                IEnumerator<string> next = pending.Peek();
                if (!next.MoveNext())
                {
                    pending.Pop();
                    string done = path[path.Count - 1];
                    path.RemoveAt(path.Count - 1);
                    state[done] = 2;
                    if (!inCycle.Contains(done) && dependencies[done].All(d => !inCycle.Contains(d))) order.Add(done);
                    else inCycle.Add(done);
                    continue;
                }
                string dependency = next.Current;
                if (!state.TryGetValue(dependency, out int seen))
                {
                    state[dependency] = 1;
                    path.Add(dependency);
                    pending.Push(dependencies[dependency].GetEnumerator());
                }
                else if (seen == 1)
                {
                    var cycle = path.Skip(path.IndexOf(dependency)).ToList();
                    foundCycles.Add(cycle);
                    inCycle.UnionWith(cycle);
                }
            }
        }
        cycles = foundCycles;
        return order;
    }
}
