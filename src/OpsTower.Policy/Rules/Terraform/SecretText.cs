using System;
using System.Collections.Generic;
using System.Linq;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>Which names hold secrets, from a rule's parameters: substrings, whole words, and exceptions.</summary>
internal sealed class SecretNames
{
    private readonly IReadOnlyList<string> _patterns;
    private readonly IReadOnlyList<string> _words;
    private readonly IReadOnlyList<string> _ignoredSuffixes;
    private readonly IReadOnlyList<string> _ignoredNames;

    public SecretNames(RuleParameters parameters)
    {
        _patterns = parameters.GetStringList("sensitive_name_patterns").Select(p => p.ToLowerInvariant()).ToList();
        _words = parameters.GetStringList("sensitive_name_words").Select(p => p.ToLowerInvariant()).ToList();
        _ignoredSuffixes = parameters.GetStringList("ignored_name_suffixes").Select(p => p.ToLowerInvariant()).ToList();
        _ignoredNames = parameters.GetStringList("ignored_names").Select(p => p.ToLowerInvariant()).ToList();
    }

    /// <summary><c>db_password</c>, <c>apiToken</c>, <c>signing-key</c>; not <c>kms_key_id</c>, <c>secret_arn</c> or <c>public_key</c>.</summary>
    public bool IsSecret(string name)
    {
        string lower = name.ToLowerInvariant();
        if (_ignoredNames.Contains(lower) || _ignoredSuffixes.Any(s => lower.EndsWith(s, StringComparison.Ordinal))) return false;
        if (_patterns.Any(p => lower.IndexOf(p, StringComparison.Ordinal) >= 0)) return true;
        return Words(name).Any(w => _words.Contains(w));
    }

    /// <summary>Words of snake_case, kebab-case, dotted and camelCase names, lower-cased.</summary>
    private static IEnumerable<string> Words(string name)
    {
        int start = 0;
        for (int i = 1; i <= name.Length; i++)
        {
            bool boundary = i == name.Length || !char.IsLetterOrDigit(name[i]) || (char.IsUpper(name[i]) && char.IsLower(name[i - 1]));
            if (!boundary) continue;
            string word = name.Substring(start, i - start).Trim('_', '-', '.', ' ');
            if (word.Length > 0) yield return word.ToLowerInvariant();
            start = i;
        }
    }
}

/// <summary>Credentials written inside strings.</summary>
internal static class SecretText
{
    /// <summary>
    /// The index and length of the password in <c>scheme://user:password@host</c>, or null. A password that is a
    /// placeholder (<c>${…}</c>, <c>{{…}}</c>, <c>$VAR</c>) is not a credential.
    /// </summary>
    public static (int Start, int Length)? UrlPassword(string text)
    {
        for (int scheme = text.IndexOf("://", StringComparison.Ordinal); scheme >= 0; scheme = text.IndexOf("://", scheme + 3, StringComparison.Ordinal))
        {
            int start = scheme + 3;
            int end = start;
            while (end < text.Length && text[end] != '/' && text[end] != '@' && text[end] != '?' && text[end] != '#' && !char.IsWhiteSpace(text[end])) end++;
            if (end >= text.Length || text[end] != '@') continue;
            int colon = text.IndexOf(':', start, end - start);
            if (colon < 0 || colon + 1 >= end) continue;
            string password = text.Substring(colon + 1, end - colon - 1);
            if (IsPlaceholder(password)) continue;
            return (colon + 1, end - colon - 1);
        }
        return null;
    }

    /// <summary>A <c>password=…</c> keyword in a connection string (<c>host=db password=s3cret</c>, <c>?password=s3cret</c>), or null.</summary>
    public static (int Start, int Length)? KeywordPassword(string text)
    {
        foreach (string keyword in new[] { "password=", "Password=", "PASSWORD=", "pwd=", "Pwd=" })
        {
            int at = text.IndexOf(keyword, StringComparison.Ordinal);
            if (at < 0 || (at > 0 && char.IsLetterOrDigit(text[at - 1]))) continue;
            int start = at + keyword.Length;
            int end = start;
            while (end < text.Length && text[end] != '&' && text[end] != ';' && !char.IsWhiteSpace(text[end])) end++;
            if (end > start && !IsPlaceholder(text.Substring(start, end - start))) return (start, end - start);
        }
        return null;
    }

    /// <summary>An AWS access key id (<c>AKIA…</c>/<c>ASIA…</c> and 16 more upper-case letters or digits) in the text, or null.</summary>
    public static (int Start, int Length)? AwsAccessKeyId(string text)
    {
        for (int i = 0; i + 20 <= text.Length; i++)
        {
            if (string.CompareOrdinal(text, i, "AKIA", 0, 4) != 0 && string.CompareOrdinal(text, i, "ASIA", 0, 4) != 0) continue;
            if (i > 0 && char.IsLetterOrDigit(text[i - 1])) continue;
            int j = i + 4;
            while (j < text.Length && j < i + 20 && (char.IsUpper(text[j]) || char.IsDigit(text[j]))) j++;
            if (j == i + 20 && (j == text.Length || !char.IsLetterOrDigit(text[j]))) return (i, 20);
        }
        return null;
    }

    private static bool IsPlaceholder(string value) =>
        value.StartsWith("${", StringComparison.Ordinal) || value.StartsWith("{{", StringComparison.Ordinal)
        || value.StartsWith("$", StringComparison.Ordinal) || value.StartsWith("<", StringComparison.Ordinal) || value == "*" || value.Trim('*', 'x', 'X').Length == 0;
}
