using OpsTower.Policy.Formats.Hcl;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Tests.Formats.Hcl;

/// <summary>
/// The part of HashiCorp's <c>hcldec</c> that the spec suite's <c>.hcldec</c> files use: <c>literal</c>, <c>object</c>
/// with <c>attr</c>, <c>block</c>, <c>block_list</c> and <c>block_map</c>, a top-level <c>block</c>, and <c>variables</c>.
/// Type constraints are not applied (the suite's values already have the right types). Arguments and blocks the
/// spec does not name are reported, as hcldec does.
/// </summary>
internal sealed class HclSpecDecoder
{
    private readonly HclExpressionEvaluator _evaluator;
    private readonly List<ParseDiagnostic> _diagnostics = new();
    private readonly HclBody _spec;

    public HclSpecDecoder(HclBody spec)
    {
        _spec = spec;
        var variables = new Dictionary<string, HclValue>();
        foreach (HclBlock block in spec.GetBlocks("variables"))
        {
            foreach (HclAttribute attribute in block.Body.Attributes) variables[attribute.Name] = new HclExpressionEvaluator().Evaluate(attribute.Expression);
        }
        _evaluator = new HclExpressionEvaluator(name => variables.TryGetValue(name, out HclValue? value) ? value : null);
    }

    public IReadOnlyList<ParseDiagnostic> Diagnostics => _diagnostics.Concat(_evaluator.Diagnostics).ToList();

    public HclValue Decode(HclBody content)
    {
        HclBlock spec = _spec.Blocks.First(b => b.Type != "variables");
        return DecodeSpec(spec, content);
    }

    private HclValue DecodeSpec(HclBlock spec, HclBody content)
    {
        switch (spec.Type)
        {
            case "literal":
                return new HclExpressionEvaluator().Evaluate(spec.Body.GetAttribute("value")!.Expression);
            case "object":
                return DecodeObject(spec.Body, content);
            case "block":
                string type = spec.Body.GetAttribute("block_type")!.Expression.AsStringLiteral()!;
                HclBlock nested = spec.Body.Blocks[0];
                HclBlock? found = content.GetBlocks(type).FirstOrDefault();
                ReportUnexpected(content, new HashSet<string>(), new HashSet<string> { type });
                return found is null ? HclValue.Null : DecodeSpec(nested, found.Body);
            default:
                throw new NotSupportedException("hcldec spec " + spec.Type);
        }
    }

    private HclValue DecodeObject(HclBody spec, HclBody content)
    {
        var result = new List<KeyValuePair<string, HclValue>>();
        var attributeNames = new HashSet<string>();
        var blockTypes = new HashSet<string>();
        foreach (HclBlock member in spec.Blocks)
        {
            string name = member.Labels[0].Value;
            switch (member.Type)
            {
                case "attr":
                    attributeNames.Add(name);
                    HclAttribute? attribute = content.GetAttribute(name);
                    result.Add(new(name, attribute is null ? HclValue.Null : _evaluator.Evaluate(attribute.Expression)));
                    break;
                case "block":
                    blockTypes.Add(name);
                    HclBlock? block = content.GetBlocks(name).FirstOrDefault();
                    result.Add(new(name, block is null ? HclValue.Null : DecodeSpec(member.Body.Blocks[0], block.Body)));
                    break;
                case "block_list":
                    blockTypes.Add(name);
                    result.Add(new(name, HclValue.Tuple(content.GetBlocks(name).Select(b => DecodeSpec(member.Body.Blocks[0], b.Body)).ToList())));
                    break;
                case "block_map":
                    blockTypes.Add(name);
                    HclBlock elementSpec = member.Body.Blocks[0];
                    result.Add(new(name, HclValue.Object(content.GetBlocks(name).Select(b => new KeyValuePair<string, HclValue>(b.Labels[0].Value, DecodeSpec(elementSpec, b.Body))))));
                    break;
                default:
                    throw new NotSupportedException("hcldec object member " + member.Type);
            }
        }
        ReportUnexpected(content, attributeNames, blockTypes);
        return HclValue.Object(result);
    }

    private void ReportUnexpected(HclBody content, HashSet<string> attributeNames, HashSet<string> blockTypes)
    {
        foreach (HclAttribute attribute in content.Attributes.Where(a => !attributeNames.Contains(a.Name)))
            _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, $"Unsupported argument: an argument named \"{attribute.Name}\" is not expected here.", attribute.NameSpan));
        foreach (HclBlock block in content.Blocks.Where(b => !blockTypes.Contains(b.Type)))
            _diagnostics.Add(new ParseDiagnostic(DiagnosticSeverity.Error, $"Unsupported block type: blocks of type \"{block.Type}\" are not expected here.", block.TypeSpan));
    }
}
