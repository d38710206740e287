using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// Applies a variable's <c>type</c> to its value as Terraform does before the module sees it: strings, numbers and
/// bools convert into each other, and an <c>object({…})</c> gets its <c>optional(type, default)</c> attributes filled
/// in (null without a default) and loses attributes it does not declare. A value that does not fit is left as it is.
/// </summary>
internal static class TerraformTypes
{
    public static HclValue Convert(HclExpression? type, HclValue value)
    {
        if (type is null || !value.IsKnown || value.IsNull) return value;
        switch (type)
        {
            case HclScopeTraversalExpression { Traversal.Count: 1 } primitive:
                return ConvertPrimitive(primitive.RootName, value);
            case HclFunctionCallExpression { Arguments.Count: >= 1 } call:
                HclExpression argument = call.Arguments[0];
                switch (call.Name)
                {
                    case "list" or "set" when value.Kind == HclValueKind.Tuple:
                        return HclValue.Tuple(value.Elements.Select(e => Convert(argument, e)));
                    case "map" when value.Kind == HclValueKind.Object:
                        return HclValue.Object(value.Attributes.Select(p => new KeyValuePair<string, HclValue>(p.Key, Convert(argument, p.Value))));
                    case "tuple" when value.Kind == HclValueKind.Tuple && argument is HclTupleExpression types && types.Elements.Count == value.Elements.Count:
                        return HclValue.Tuple(value.Elements.Select((e, i) => Convert(types.Elements[i], e)));
                    case "object" when value.Kind == HclValueKind.Object && argument is HclObjectExpression attributes:
                        return ConvertObject(attributes, value);
                }
                return value;
            default:
                return value;
        }
    }

    private static HclValue ConvertObject(HclObjectExpression attributes, HclValue value)
    {
        var result = new List<KeyValuePair<string, HclValue>>();
        foreach (HclObjectItem item in attributes.Items)
        {
            string? name = item.KeyName;
            if (name is null) return value;
            HclExpression attributeType = item.Value;
            bool optional = false;
            HclExpression? defaultValue = null;
            if (attributeType is HclFunctionCallExpression { Name: "optional", Arguments.Count: >= 1 } wrapper)
            {
                optional = true;
                attributeType = wrapper.Arguments[0];
                defaultValue = wrapper.Arguments.Count > 1 ? wrapper.Arguments[1] : null;
            }
            if (value.Attributes.TryGetValue(name, out HclValue? given) && !(optional && given.IsNull && defaultValue is not null))
                result.Add(new KeyValuePair<string, HclValue>(name, Convert(attributeType, given)));
            else if (optional)
                result.Add(new KeyValuePair<string, HclValue>(name, defaultValue is null ? HclValue.Null : Convert(attributeType, new HclExpressionEvaluator().Evaluate(defaultValue))));
        }
        return HclValue.Object(result);
    }

    private static HclValue ConvertPrimitive(string type, HclValue value)
    {
        switch (type)
        {
            case "string" when value.Kind == HclValueKind.Number:
                return HclValue.FromString(HclValue.FormatNumber(value.AsNumber()));
            case "string" when value.Kind == HclValueKind.Bool:
                return HclValue.FromString(value.AsBool() ? "true" : "false");
            case "number" when value.Kind == HclValueKind.String
                && decimal.TryParse(value.AsString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number):
                return HclValue.FromNumber(number);
            case "bool" when value.Kind == HclValueKind.String && (value.AsString() == "true" || value.AsString() == "false"):
                return HclValue.FromBool(value.AsString() == "true");
            default:
                return value;
        }
    }
}
