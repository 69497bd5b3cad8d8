namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// The authority of a request target, in every form that has one: absolute-form (<c>http://host/…</c>, proxies)
/// and authority-form (<c>host:443</c>, CONNECT); origin-form (<c>/…</c>) and <c>*</c> have none. Text that starts
/// with <c>//</c> is read as a network-path reference (<c>//host/…</c>) — right for a URL inside a query value or a
/// path (<see cref="EmbeddedUserinfo"/>), and the userinfo screen of a request target that starts with <c>//</c>.
/// As a request target, though, <c>//users/42</c> is origin-form (RFC 9112 §3.2: absolute-path =
/// 1*( "/" segment ), segments may be empty), so callers treat <see cref="IsNetworkPath"/> as a path whose
/// userinfo-looking part is redacted, never as a host. One parser for the redactor, the auth classifier and the
/// host, so the three cannot disagree about where a password ends.
/// <para>
/// Userinfo is a password in clear, and a password may contain any of the delimiters that would end the
/// authority (<c>http://bob:pa?ss@h/</c>, <c>…pa#ss@h/</c>, <c>…p@ss@h/</c>, <c>…pa/ss@h/</c>). When userinfo is
/// evident — an '@' before the first '/', or text before the first delimiter that is no <c>host[:port]</c>
/// (<c>bob:pa</c>) — the authority ends after the LAST '@' of the target that a valid host follows, and
/// everything before it is userinfo. The price is over-redaction when such a target also has an '@' in its
/// path or query (<c>http://u:p@h/x?mail=a@b.example</c> is read as host <c>b.example</c>): never a leak.
/// A target whose text before the first '/' is a valid host and port (<c>http://bob:123/x@h/</c>) is read as
/// RFC 3986 reads it — host <c>bob</c>, port 123 — as every client does; no parser can tell it from a password.
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

    /// <summary>CONNECT's <c>host:port</c> (no scheme, no <c>//</c>).</summary>
    public bool IsAuthorityForm => HasAuthority && Prefix.IsEmpty;

    /// <summary>Text that starts with <c>//</c>: a network-path reference inside a URL, origin-form as a request
    /// target (its "authority" is then the path's first non-empty segment).</summary>
    public bool IsNetworkPath => HasAuthority && Prefix.Length == 2 && Prefix[0] == (byte)'/';

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
        var end = DelimiterOrEnd(rest);
        if (at < 0 && HostSyntax.IsValid(rest[..end]))
        {
            return new TargetAuthority(target, start, -1, start + end);
        }
        // Userinfo is evident ('@' before the first '/', or "bob:pa" is no host:port): the password may run past
        // any delimiter, so the authority ends after the LAST '@' that a valid host follows.
        for (var candidate = rest.LastIndexOf((byte)'@'); candidate > 0; candidate = rest[..candidate].LastIndexOf((byte)'@'))
        {
            var hostEnd = candidate + 1 + DelimiterOrEnd(rest[(candidate + 1)..]);
            if (HostSyntax.IsValid(rest[(candidate + 1)..hostEnd]))
            {
                return new TargetAuthority(target, start, start + candidate, start + hostEnd);
            }
        }
        if (at >= 0)
        {
            // No valid host anywhere: the userinfo still ends at that '@' (the host is then reported invalid).
            return new TargetAuthority(target, start, start + at, start + at + 1 + DelimiterOrEnd(rest[(at + 1)..]));
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

    /// <summary>'/', '?', '#', and whitespace: lenient parsers hand over targets like <c>host:25 /</c> (seen in the Zeek traces).</summary>
    private static readonly System.Buffers.SearchValues<byte> AuthorityDelimiters = System.Buffers.SearchValues.Create("/?# \t"u8);

    private static readonly System.Buffers.SearchValues<byte> SchemeBytes =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."u8);
}
