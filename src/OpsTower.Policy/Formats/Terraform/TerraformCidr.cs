using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;
using OpsTower.Policy.Formats.Hcl;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>
/// <c>cidrsubnet</c>, <c>cidrsubnets</c>, <c>cidrhost</c> and <c>cidrnetmask</c> as Terraform computes them (its
/// copy of Go's <c>net</c> parser and HashiCorp's go-cidr), for IPv4 and IPv6. Each returns null where Terraform
/// reports an error. IPv4-mapped IPv6 prefixes (<c>::ffff:a.b.c.d</c>) make go-cidr mix 32- and 128-bit
/// arithmetic; those give unknown rather than a guess.
/// </summary>
internal static class TerraformCidr
{
    private sealed class Prefix
    {
        public Prefix(BigInteger network, int length, int bits)
        {
            Network = network;
            Length = length;
            Bits = bits;
        }

        /// <summary>The address with its host bits cleared, as Go's <c>ParseCIDR</c> returns the network.</summary>
        public BigInteger Network { get; }
        public int Length { get; }

        /// <summary>32 or 128.</summary>
        public int Bits { get; }

        public bool IsMapped => Bits == 128 && Network >> 32 == 0xFFFF;
    }

    public static HclValue? Subnet(string prefix, int newBits, BigInteger number)
    {
        Prefix? parsed = Parse(prefix);
        if (parsed is null || newBits < 0 || newBits > parsed.Bits || number.Sign < 0) return null;
        if (parsed.IsMapped) return HclValue.Unknown;
        int length = parsed.Length + newBits;
        if (length > parsed.Bits || number >= BigInteger.One << newBits) return null;
        return HclValue.FromString(FormatPrefix(parsed.Network | number << (parsed.Bits - length), length, parsed.Bits));
    }

    /// <summary>A negative host number counts back from the last address (-1 is the last).</summary>
    public static HclValue? Host(string prefix, BigInteger number)
    {
        Prefix? parsed = Parse(prefix);
        if (parsed is null) return null;
        if (parsed.IsMapped) return HclValue.Unknown;
        BigInteger max = (BigInteger.One << (parsed.Bits - parsed.Length)) - 1;
        BigInteger offset = number.Sign < 0 ? -number - 1 : number;
        if (offset > max) return null;
        return HclValue.FromString(FormatAddress(parsed.Network | (number.Sign < 0 ? max - offset : number), parsed.Bits));
    }

    /// <summary>IPv4 only: Terraform rejects IPv6 prefixes, which have no netmask notation.</summary>
    public static HclValue? Netmask(string prefix)
    {
        Prefix? parsed = Parse(prefix);
        if (parsed is null) return null;
        if (parsed.IsMapped) return HclValue.Unknown;
        if (parsed.Bits != 32) return null;
        return HclValue.FromString(FormatAddress(Mask(parsed.Length, 32), 32));
    }

    /// <summary>
    /// Consecutive subnets, each aligned after the previous one (go-cidr's <c>PreviousSubnet</c>/<c>NextSubnet</c>);
    /// each extension is 1 to 32 bits, and every subnet must stay inside the prefix.
    /// </summary>
    public static HclValue? Subnets(string prefix, IReadOnlyList<int> newBits)
    {
        Prefix? parsed = Parse(prefix);
        if (parsed is null) return null;
        if (parsed.IsMapped) return HclValue.Unknown;
        if (newBits.Count == 0) return HclValue.EmptyTuple;
        int bits = parsed.Bits;
        BigInteger all = (BigInteger.One << bits) - 1;
        int currentLength = Math.Min(bits, Math.Max(0, parsed.Length + newBits[0]));
        BigInteger current = ((parsed.Network - 1) & all) & Mask(currentLength, bits);
        var results = new List<HclValue>();
        foreach (int extension in newBits)
        {
            if (extension < 1 || extension > 32) return null;
            int length = parsed.Length + extension;
            if (length > bits) return null;
            BigInteger lastOfCurrent = current | (all ^ Mask(currentLength, bits));
            BigInteger subnet = lastOfCurrent & Mask(length, bits);
            BigInteger following = ((subnet | (all ^ Mask(length, bits))) + 1) & all;
            BigInteger next = following & Mask(length, bits);
            if (following.IsZero || (next & Mask(parsed.Length, bits)) != parsed.Network) return null;
            current = next;
            currentLength = length;
            results.Add(HclValue.FromString(FormatPrefix(next, length, bits)));
        }
        return HclValue.Tuple(results);
    }

    private static BigInteger Mask(int length, int bits) => ((BigInteger.One << length) - 1) << (bits - length);

    /// <summary>
    /// <c>address/length</c>; IPv4 octets may have leading zeros, which are read as decimal (Terraform keeps that
    /// historical behaviour of Go's parser). Null when it is not a prefix.
    /// </summary>
    private static Prefix? Parse(string text)
    {
        int slash = text.IndexOf('/');
        if (slash < 0) return null;
        string address = text.Substring(0, slash);
        BigInteger value;
        int bits;
        if (address.IndexOf(':') >= 0)
        {
            if (!TryParseIPv6(address, out value)) return null;
            bits = 128;
        }
        else
        {
            if (!TryParseIPv4(address, out value)) return null;
            bits = 32;
        }
        int length = Decimal(text, slash + 1, out int end);
        if (end != text.Length || length < 0 || length > bits) return null;
        return new Prefix(value & Mask(length, bits), length, bits);
    }

    /// <summary>Go's <c>dtoi</c>: decimal digits from <paramref name="start"/>; -1 when there are none or too many.</summary>
    private static int Decimal(string text, int start, out int end)
    {
        int value = 0;
        for (end = start; end < text.Length && text[end] >= '0' && text[end] <= '9'; end++)
        {
            value = value * 10 + (text[end] - '0');
            if (value >= 0xFFFFFF) return -1;
        }
        return end == start ? -1 : value;
    }

    private static bool TryParseIPv4(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        int i = 0;
        for (int part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (i >= text.Length || text[i] != '.') return false;
                i++;
            }
            int octet = Decimal(text, i, out i);
            if (octet < 0 || octet > 255) return false;
            value = value << 8 | octet;
        }
        return i == text.Length;
    }

    /// <summary>Go's <c>parseIPv6</c>: hex groups, one <c>::</c>, an optional dotted IPv4 tail; no zone.</summary>
    private static bool TryParseIPv6(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var groups = new List<int>();
        int ellipsis = -1;
        int i = 0;
        if (text.StartsWith("::", StringComparison.Ordinal))
        {
            ellipsis = 0;
            i = 2;
        }
        while (i < text.Length && groups.Count < 8)
        {
            int start = i, group = 0;
            for (; i < text.Length && Uri.IsHexDigit(text[i]); i++)
            {
                group = group * 16 + Convert.ToInt32(text[i].ToString(), 16);
                if (group > 0xFFFF) return false;
            }
            if (i == start) return false;
            if (i < text.Length && text[i] == '.')
            {
                // A dotted IPv4 address ends the text and fills the last two groups.
                if ((ellipsis < 0 && groups.Count != 6) || groups.Count > 6 || !TryParseIPv4(text.Substring(start), out BigInteger v4)) return false;
                groups.Add((int)(v4 >> 16));
                groups.Add((int)(v4 & 0xFFFF));
                i = text.Length;
                break;
            }
            groups.Add(group);
            if (i == text.Length) break;
            if (text[i] != ':' || i + 1 == text.Length) return false;
            i++;
            if (text[i] == ':')
            {
                if (ellipsis >= 0) return false;
                ellipsis = groups.Count;
                i++;
            }
        }
        if (i != text.Length) return false;
        if (groups.Count < 8)
        {
            if (ellipsis < 0) return false;
            groups.InsertRange(ellipsis, new int[8 - groups.Count]);
        }
        else if (ellipsis >= 0)
        {
            return false; // "::" must stand for at least one group
        }
        foreach (int group in groups) value = value << 16 | group;
        return true;
    }

    private static string FormatPrefix(BigInteger network, int length, int bits) =>
        FormatAddress(network, bits) + "/" + (bits == 128 && network >> 32 == 0xFFFF ? length - 96 : length).ToString(CultureInfo.InvariantCulture);

    /// <summary>Go's <c>IP.String</c>: dotted IPv4 (also for IPv4-mapped IPv6), or RFC 5952 IPv6 (the first longest run of two or more zero groups as <c>::</c>).</summary>
    private static string FormatAddress(BigInteger address, int bits)
    {
        if (bits == 32 || address >> 32 == 0xFFFF)
        {
            uint v4 = (uint)(address & 0xFFFFFFFF);
            return string.Join(".", new[] { v4 >> 24, (v4 >> 16) & 0xFF, (v4 >> 8) & 0xFF, v4 & 0xFF }.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        }
        var groups = new int[8];
        for (int g = 0; g < 8; g++) groups[g] = (int)((address >> (16 * (7 - g))) & 0xFFFF);
        int bestStart = -1, bestLength = 1;
        for (int g = 0; g < 8;)
        {
            if (groups[g] != 0)
            {
                g++;
                continue;
            }
            int run = g;
            while (run < 8 && groups[run] == 0) run++;
            if (run - g > bestLength)
            {
                bestStart = g;
                bestLength = run - g;
            }
            g = run;
        }
        var text = new StringBuilder();
        for (int g = 0; g < 8; g++)
        {
            if (g == bestStart)
            {
                text.Append("::");
                g += bestLength - 1;
                continue;
            }
            if (text.Length > 0 && text[text.Length - 1] != ':') text.Append(':');
            text.Append(groups[g].ToString("x", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
