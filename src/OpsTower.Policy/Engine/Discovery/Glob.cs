namespace OpsTower.Policy.Engine.Discovery;

/// <summary>
/// Glob matching as git's wildmatch does it for paths: '*' and '?' stop at '/', '[…]' is a class ('!' or '^'
/// negates), '**' between slashes spans any number of folders. Dynamic programming, so no input backtracks
/// exponentially.
/// </summary>
public static class Glob
{
    public static bool Match(string pattern, string text)
    {
        // reachable[t] is true when pattern[..p] can match text[..t].
        var reachable = new bool[text.Length + 1];
        reachable[0] = true;
        int p = 0;
        while (p < pattern.Length)
        {
            var next = new bool[text.Length + 1];
            char c = pattern[p];
            if (c == '*')
            {
                bool doubleStar = p + 1 < pattern.Length && pattern[p + 1] == '*';
                if (doubleStar)
                {
                    bool slashAfter = p + 2 < pattern.Length && pattern[p + 2] == '/';
                    bool atSegmentStart = p == 0 || pattern[p - 1] == '/';
                    if (slashAfter && atSegmentStart)
                    {
                        // "**/" matches zero or more whole folders.
                        for (int t = 0; t <= text.Length; t++)
                        {
                            if (!reachable[t]) continue;
                            next[t] = true;
                            for (int u = t; u < text.Length; u++)
                                if (text[u] == '/') next[u + 1] = true;
                        }
                        p += 3;
                    }
                    else
                    {
                        // A trailing or inner "**" matches anything, slashes included.
                        bool any = false;
                        for (int t = 0; t <= text.Length; t++)
                        {
                            any |= reachable[t];
                            next[t] = any;
                        }
                        p += 2;
                    }
                }
                else
                {
                    for (int t = 0; t <= text.Length; t++)
                    {
                        if (!reachable[t]) continue;
                        next[t] = true;
                        for (int u = t; u < text.Length && text[u] != '/'; u++) next[u + 1] = true;
                    }
                    p++;
                }
            }
            else if (c == '?')
            {
                for (int t = 0; t < text.Length; t++)
                    if (reachable[t] && text[t] != '/') next[t + 1] = true;
                p++;
            }
            else if (c == '[' && TryParseClass(pattern, p, out int classEnd))
            {
                for (int t = 0; t < text.Length; t++)
                    if (reachable[t] && text[t] != '/' && ClassMatches(pattern, p, classEnd, text[t])) next[t + 1] = true;
                p = classEnd + 1;
            }
            else
            {
                if (c == '\\' && p + 1 < pattern.Length) c = pattern[++p];
                for (int t = 0; t < text.Length; t++)
                    if (reachable[t] && text[t] == c) next[t + 1] = true;
                p++;
            }
            reachable = next;
        }
        return reachable[text.Length];
    }

    private static bool TryParseClass(string pattern, int open, out int close)
    {
        int i = open + 1;
        if (i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^')) i++;
        if (i < pattern.Length && pattern[i] == ']') i++;
        while (i < pattern.Length && pattern[i] != ']') i++;
        close = i;
        return i < pattern.Length;
    }

    private static bool ClassMatches(string pattern, int open, int close, char c)
    {
        int i = open + 1;
        bool negate = pattern[i] == '!' || pattern[i] == '^';
        if (negate) i++;
        bool matched = false;
        bool first = true;
        while (i < close || (first && pattern[i] == ']'))
        {
            first = false;
            char low = pattern[i];
            if (i + 2 < close && pattern[i + 1] == '-')
            {
                if (c >= low && c <= pattern[i + 2]) matched = true;
                i += 3;
            }
            else
            {
                if (c == low) matched = true;
                i++;
            }
        }
        return matched != negate;
    }
}
