using System;

namespace OpsTower.Policy.Rules;

/// <summary>A check. Subclass <see cref="FileRule{TModel}"/> for checks on one parsed file.</summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>The model type the rule reads (for example <c>DockerfileDocument</c>).</summary>
    public abstract Type ModelType { get; }

    /// <summary>Runs the rule on one model; the engine calls this with a model of <see cref="ModelType"/>.</summary>
    public abstract void Analyze(object model, RuleContext context);

    public override string ToString() => Descriptor.Id;
}

/// <summary>A rule over one parsed file of one format. Rules are stateless: the engine runs them in parallel.</summary>
public abstract class FileRule<TModel> : Rule where TModel : class
{
    public sealed override Type ModelType => typeof(TModel);

    public sealed override void Analyze(object model, RuleContext context) => Analyze((TModel)model, context);

    public abstract void Analyze(TModel model, RuleContext context);
}
