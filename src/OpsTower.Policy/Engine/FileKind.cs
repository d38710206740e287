namespace OpsTower.Policy.Engine;

/// <summary>The formats the engine parses. Later formats are added here and in <see cref="FileClassifier"/>.</summary>
public enum FileKind
{
    Unknown = 0,
    Dockerfile,
}
