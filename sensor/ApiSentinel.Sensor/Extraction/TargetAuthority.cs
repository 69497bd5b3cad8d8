namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// The authority of a request target, in every form that has one: absolute-form (<c>http://host/…</c>, proxies),
/// a network-path reference (<c>//host/…</c>), and authority-form (<c>host:443</c>, CONNECT). Origin-form
/// (<c>/…</c>) and <c>*</c> have none. One parser for the redactor, the auth classifier and the host, so the
/// three cannot disagree about where a password ends.
/// <para>
/// Userinfo is a password in clear, and a password may contain any of the delimiters that would end the
/// authority (<c>http://bob:pa?ss@h/</c>, <c>…pa#ss@h/</c>, <c>…p@ss@h/</c>, <c>…pa/ss@h/</c>). So the authority
/// ends at the first '/' after its LAST '@' when there is one before the first '/'; and when what precedes the
/// first '/' is not a valid host (<c>bob:pa</c> has no numeric port), at the first delimiter after the last '@'
/// that is followed by a valid host. A path or query holding '@' in a pathless target may be taken for
/// userinfo: over-redaction, never a leak.
/// </para>
/// </summary>
internal readonly ref struct TargetAuthority
{
    private TargetAuthority(ReadOnlySpan<byte> target, int start, int at, int end)
    {
        Prefix = target[..start];
        Userinfo = at < 0 ? default : target[start..at];
        HasUserinfo = at >= 0;
        HostPort = target[(at < 0 ? start : at + 1)..end];
        Rest = target[end..];
        HasAuthority = true;
    }

    private TargetAuthority(ReadOnlySpan<byte> target)
    {
        Rest = target;
    }

    /// <summary>False for origin-form and <c>*</c>: everything is <see cref="Rest"/>.</summary>
    public bool HasAuthority { get; }

    /// <summary><c>http://</c>, <c>//</c>, or empty for authority-form.</summary>
    public ReadOnlySpan<byte> Prefix { get; }

    public bool HasUserinfo { get; }

    /// <summary>Everything before the authority's last '@' (a credential: never echoed).</summary>
    public ReadOnlySpan<byte> Userinfo { get; }

    /// <summary><c>host[:port]</c>, unchecked (see <see cref="HostSyntax.IsValid"/>).</summary>
    public ReadOnlySpan<byte> HostPort { get; }

    /// <summary>Path, query and fragment after the authority.</summary>
    public ReadOnlySpan<byte> Rest { get; }

    public static TargetAuthority Parse(ReadOnlySpan<byte> target)
    {
        if (target.IsEmpty || target[0] == '*' || (target[0] == '/' && !target.StartsWith("//"u8)))
        {
            return new TargetAuthority(target);
        }
        var start = target[0] == '/' ? 2 : SchemeLength(target);
        var rest = target[start..];
        var slash = rest.IndexOf((byte)'/');
        var beforeSlash = slash < 0 ? rest : rest[..slash];
        var at = beforeSlash.LastIndexOf((byte)'@');
        if (at >= 0)
        {
            return new TargetAuthority(target, start, start + at, start + at + 1 + DelimiterOrEnd(rest[(at + 1)..]));
        }
        var end = DelimiterOrEnd(rest);
        if (!HostSyntax.IsValid(rest[..end]))
        {
            // "bob:pa/ss@h/": the password ran past the first '/'. Take the last '@' followed by a valid host.
            for (var candidate = rest.LastIndexOf((byte)'@'); candidate > 0; candidate = rest[..candidate].LastIndexOf((byte)'@'))
            {
                var hostEnd = candidate + 1 + DelimiterOrEnd(rest[(candidate + 1)..]);
                if (HostSyntax.IsValid(rest[(candidate + 1)..hostEnd]))
                {
                    return new TargetAuthority(target, start, start + candidate, start + hostEnd);
                }
            }
        }
        return start == 0 && end == 0
            ? new TargetAuthority(target) // "?a=1": no authority at all
            : new TargetAuthority(target, start, -1, start + end);
    }

    /// <summary>Length of <c>scheme://</c> (RFC 3986 scheme chars), or 0 when the target does not start with one.</summary>
    private static int SchemeLength(ReadOnlySpan<byte> target)
    {
        var separator = target.IndexOf("://"u8);
        if (separator <= 0 || !char.IsAsciiLetter((char)target[0]) || target[..separator].ContainsAnyExcept(SchemeBytes))
        {
            return 0;
        }
        return separator + 3;
    }

    private static int DelimiterOrEnd(ReadOnlySpan<byte> s)
    {
        var i = s.IndexOfAny(AuthorityDelimiters);
        return i < 0 ? s.Length : i;
    }

    private static readonly System.Buffers.SearchValues<byte> AuthorityDelimiters = System.Buffers.SearchValues.Create("/?#"u8);

    private static readonly System.Buffers.SearchValues<byte> SchemeBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."u8);
}
