using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Yaml;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Compose;

/// <summary>A docker-compose file: its services, with environment, ports and volumes in either syntax normalised.</summary>
public sealed class ComposeFile
{
    public ComposeFile(SourceFile file, YamlFile yaml, IReadOnlyList<ComposeService> services, IReadOnlyList<ParseDiagnostic> diagnostics)
    {
        File = file;
        Yaml = yaml;
        Services = services;
        Diagnostics = diagnostics;
    }

    public SourceFile File { get; }
    public YamlFile Yaml { get; }
    public IReadOnlyList<ComposeService> Services { get; }
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}

/// <summary>An environment variable: <c>KEY=value</c> in a list or <c>KEY: value</c> in a mapping. <see cref="Value"/> is null for <c>KEY</c> alone (taken from the shell).</summary>
public sealed class ComposeEnvironmentVariable
{
    private readonly YamlScalar? _valueScalar;
    private readonly int _valueOffset;

    internal ComposeEnvironmentVariable(string name, TextSpan nameSpan, string? value, TextSpan valueSpan, YamlScalar? valueScalar = null, int valueOffset = 0)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
        ValueSpan = valueSpan;
        _valueScalar = valueScalar;
        _valueOffset = valueOffset;
    }

    public string Name { get; }
    public TextSpan NameSpan { get; }
    public string? Value { get; }
    public TextSpan ValueSpan { get; }

    /// <summary>The source span of part of the value, where the scalar maps it exactly; otherwise the whole value.</summary>
    public TextSpan ValuePartSpan(int start, int length) => _valueScalar?.ValueSpan(_valueOffset + start, length) ?? ValueSpan;
}

/// <summary>
/// A published port; <see cref="HostIp"/> null means every interface, <see cref="Published"/> null a random host
/// port. <see cref="Span"/> is the short-syntax string, or the long syntax's <c>target</c> value.
/// </summary>
public sealed record ComposePort(string? HostIp, string? Published, string Target, TextSpan Span);

/// <summary>A volume or bind mount; <see cref="Source"/> is null for an anonymous volume.</summary>
public sealed record ComposeVolume(string? Source, string? Target, TextSpan SourceSpan);

public sealed class ComposeService
{
    internal ComposeService(YamlScalar nameNode, YamlMapping node)
    {
        NameNode = nameNode;
        Node = node;
        Environment = ReadEnvironment(node.Get("environment"));
        Ports = ReadPorts(node.GetSequence("ports"));
        Volumes = ReadVolumes(node.GetSequence("volumes"));
    }

    public YamlScalar NameNode { get; }
    public string Name => NameNode.Value;
    public YamlMapping Node { get; }
    public YamlScalar? Image => Node.GetScalar("image");
    public bool HasBuild => Node.Get("build") is not null;
    public IReadOnlyList<ComposeEnvironmentVariable> Environment { get; }
    public IReadOnlyList<ComposePort> Ports { get; }
    public IReadOnlyList<ComposeVolume> Volumes { get; }

    private static IReadOnlyList<ComposeEnvironmentVariable> ReadEnvironment(YamlNode? node)
    {
        var variables = new List<ComposeEnvironmentVariable>();
        if (node is YamlMapping map)
        {
            foreach (var entry in map.Entries)
            {
                if (entry.Key is not YamlScalar key) continue;
                var value = entry.Value as YamlScalar;
                variables.Add(value is null || value.IsNull
                    ? new ComposeEnvironmentVariable(key.Value, key.Span, null, key.Span)
                    : new ComposeEnvironmentVariable(key.Value, key.Span, value.Value, value.Span, value));
            }
        }
        else if (node is YamlSequence list)
        {
            foreach (var item in list.Items.OfType<YamlScalar>())
            {
                int equals = item.Value.IndexOf('=');
                if (equals < 0)
                {
                    variables.Add(new ComposeEnvironmentVariable(item.Value, item.Span, null, item.Span));
                    continue;
                }
                variables.Add(new ComposeEnvironmentVariable(item.Value.Substring(0, equals), item.ValueSpan(0, equals),
                    item.Value.Substring(equals + 1), item.ValueSpan(equals + 1, item.Value.Length - equals - 1), item, equals + 1));
            }
        }
        return variables;
    }

    private static IReadOnlyList<ComposePort> ReadPorts(YamlSequence? list)
    {
        var ports = new List<ComposePort>();
        if (list is null) return ports;
        foreach (var item in list.Items)
        {
            if (item is YamlScalar scalar && ParseShortPort(scalar) is { } port) ports.Add(port);
            else if (item is YamlMapping map && map.GetScalar("target") is { } target)
                ports.Add(new ComposePort(map.GetString("host_ip"), map.GetString("published"), target.Value, target.Span));
        }
        return ports;
    }

    /// <summary><c>[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]</c>, the host IP possibly an IPv6 address in brackets.</summary>
    private static ComposePort? ParseShortPort(YamlScalar scalar)
    {
        string text = scalar.Value;
        int slash = text.IndexOf('/');
        string spec = slash < 0 ? text : text.Substring(0, slash);
        string? hostIp = null;
        int rest = 0;
        if (spec.StartsWith("[", StringComparison.Ordinal))
        {
            int close = spec.IndexOf(']');
            if (close < 0 || close + 1 >= spec.Length || spec[close + 1] != ':') return null;
            hostIp = spec.Substring(1, close - 1);
            rest = close + 2;
        }
        string[] parts = spec.Substring(rest).Split(':');
        if (parts.Length == 0 || parts[parts.Length - 1].Length == 0) return null;
        string target = parts[parts.Length - 1];
        string? published = parts.Length >= 2 ? parts[parts.Length - 2] : null;
        if (hostIp is null && parts.Length >= 3) hostIp = string.Join(":", parts.Take(parts.Length - 2));
        return new ComposePort(hostIp, string.IsNullOrEmpty(published) ? null : published, target, scalar.Span);
    }

    private static IReadOnlyList<ComposeVolume> ReadVolumes(YamlSequence? list)
    {
        var volumes = new List<ComposeVolume>();
        if (list is null) return volumes;
        foreach (var item in list.Items)
        {
            if (item is YamlScalar scalar)
            {
                string[] parts = scalar.Value.Split(':');
                volumes.Add(parts.Length >= 2
                    ? new ComposeVolume(parts[0], parts[1], scalar.ValueSpan(0, parts[0].Length))
                    : new ComposeVolume(null, parts[0], scalar.Span));
            }
            else if (item is YamlMapping map)
            {
                var source = map.GetScalar("source");
                volumes.Add(new ComposeVolume(source?.Value, map.GetString("target"), source?.Span ?? map.Span));
            }
        }
        return volumes;
    }
}

public static class ComposeParser
{
    public static ComposeFile Parse(SourceFile file)
    {
        var yaml = YamlLoader.Load(file);
        var services = new List<ComposeService>();
        foreach (var document in yaml.Documents)
        {
            if ((document.Root as YamlMapping)?.GetMapping("services") is not { } map) continue;
            foreach (var entry in map.Entries)
                if (entry.Key is YamlScalar name && entry.Value is YamlMapping service) services.Add(new ComposeService(name, service));
        }
        return new ComposeFile(file, yaml, services, yaml.Diagnostics);
    }

    /// <summary>True when a document has a top-level <c>services</c> mapping whose entries have <c>image</c> or <c>build</c>.</summary>
    public static bool HasServices(YamlFile yaml) =>
        yaml.Documents.Any(d => (d.Root as YamlMapping)?.GetMapping("services") is { } services
            && services.Entries.Any(e => e.Value is YamlMapping s && (s.Get("image") is not null || s.Get("build") is not null)));
}
