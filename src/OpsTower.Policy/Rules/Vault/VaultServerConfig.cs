using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Rules.Vault;

/// <summary>Recognises a Vault server configuration among HCL files and reads its blocks.</summary>
internal static class VaultServerConfig
{
    private static readonly string[] StorageBlockTypes = { "storage", "ha_storage", "backend", "ha_backend" };

    /// <summary>A file with a top-level <c>listener</c> or <c>storage</c> block is a Vault server configuration; other HCL (Packer, Terragrunt, Nomad) is not.</summary>
    public static bool IsServerConfig(HclFile file) =>
        file.Body.Blocks.Any(b => b.Type == "listener" || StorageBlockTypes.Contains(b.Type));

    public static IEnumerable<HclBlock> StorageBlocks(HclFile file) => file.Body.Blocks.Where(b => StorageBlockTypes.Contains(b.Type));

    /// <summary>The literal value as Vault reads it: <c>true</c>, <c>"true"</c>, <c>1</c> and <c>"1"</c> are all true.</summary>
    public static bool? LiteralBool(HclExpression expression)
    {
        HclValue value = expression is HclLiteralExpression literal ? literal.Value
            : expression.AsStringLiteral() is { } text ? HclValue.FromString(text) : HclValue.Unknown;
        return value.Kind switch
        {
            HclValueKind.Bool => value.AsBool(),
            HclValueKind.Number => value.AsNumber() != 0,
            HclValueKind.String => value.AsString().Trim().ToLowerInvariant() switch { "true" or "1" or "t" => true, "false" or "0" or "f" or "" => false, _ => null },
            _ => null,
        };
    }

    /// <summary>The type and label of a block, for messages: <c>storage "postgresql"</c>.</summary>
    public static string Describe(HclBlock block) =>
        block.Type + string.Concat(block.Labels.Select(l => " \"" + l.Value + "\""));
}
