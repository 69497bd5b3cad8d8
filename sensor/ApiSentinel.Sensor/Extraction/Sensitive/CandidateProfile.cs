using System.Buffers;
using System.Runtime.Intrinsics;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// What a value could possibly contain, from one scalar pass over its chars: each flag is a NECESSARY condition
/// of one built-in detector (derived from that detector's own shape rules), so a false flag proves the detector
/// cannot match and it is skipped; a true flag only means "run it". Most API values (ids, UUIDs, dates, prices,
/// enum words) fail every flag, so one pass replaces the four digit-run walks and the multi-prefix search.
/// <para>
/// Measured on the shared, loaded 2-core box (Release, bench/ScannerCost, same run for both): an ISO timestamp
/// went from ~840 ns to ~110–160 ns and a UUID from ~2.7 µs to ~95–200 ns once the card/SSN/phone/IBAN scans and
/// the Rabin-Karp prefix search no longer ran on them.
/// </para>
/// </summary>
internal readonly partial struct CandidateProfile
{
    /// <summary>
    /// Shortest text any prefixed detector can report: a Slack token ("xoxb-" + 10). JWT needs ≥ 16 (a 10-char
    /// header holding "alg", a 4-char payload, two dots), AWS access keys 20, PEM blocks 27.
    /// </summary>
    private const int MinPrefixedLength = 15;

    /// <summary>Shortest IBAN of any country (Norway).</summary>
    private const int MinIbanLength = 15;

    private readonly Flags _flags;

    private CandidateProfile(Flags flags, int digits, int longestDigitRun, int longestChain, int longestPlusChain)
    {
        _flags = flags;
        Digits = digits;
        LongestDigitRun = longestDigitRun;
        LongestPhoneChainDigits = longestChain;
        LongestPlusChainDigits = longestPlusChain;
    }

    [Flags]
    private enum Flags
    {
        None = 0,
        At = 1,
        KeyPrefixPair = 2,
        FourDigitGroup = 4,
        ThreeDigitDashGroup = 8,
        ThreeDigitSpaceGroup = 16,
        NineDigitRun = 32,
        LettersThenDigits = 64,
    }

    public int Digits { get; }

    /// <summary>Longest run of digits; an upper bound: the short path only tells 13 (≥ 13, all the card gate needs) from 0, the long path gives the digit count.</summary>
    public int LongestDigitRun { get; }

    /// <summary>Upper bound on the digits of one stretch of digit runs joined only by phone punctuation (see LongestPhoneChains).</summary>
    public int LongestPhoneChainDigits { get; }

    /// <summary>Same, for stretches that begin with '+'.</summary>
    public int LongestPlusChainDigits { get; }

    public bool HasAt => (_flags & Flags.At) != 0;

    /// <summary>
    /// A char pair every key prefix contains ("--" of "-----BEGIN ", "yJ" of "eyJ", "AK"/"AS"/"AI" of
    /// AKIA/ASIA/AIza, "xo" of "xox*-", '_' of gh*_/github_pat_/sk_live_/rk_live_) and room for the shortest key.
    /// </summary>
    public bool MayHoldPrefixedKey(int length) => (_flags & Flags.KeyPrefixPair) != 0 && length >= MinPrefixedLength;

    /// <summary>IbanDetector anchors on two letters directly followed by two digits.</summary>
    public bool MayHoldIban(int length) => (_flags & Flags.LettersThenDigits) != 0 && length >= MinIbanLength;

    /// <summary>PaymentCardDetector needs one run of ≥ 13 digits, or a 4-digit group followed by ' ' or '-'.</summary>
    public bool MayHoldCard => Digits >= 13 && (LongestDigitRun >= 13 || (_flags & Flags.FourDigitGroup) != 0);

    /// <summary>UsSsnDetector needs a 3-digit group followed by '-' (or ' ' in an SSN field), or 9 bare digits in an SSN field.</summary>
    public bool MayHoldSsn(bool ssnField) =>
        Digits >= 9 && ((_flags & Flags.ThreeDigitDashGroup) != 0 ||
                        (ssnField && (_flags & (Flags.ThreeDigitSpaceGroup | Flags.NineDigitRun)) != 0));

    /// <summary>
    /// PhoneNumberDetector reports ≥ 7 digits in a phone field, ≥ 8 after '+', otherwise 10–11 digits; all of them
    /// within one chain of runs its parser would join.
    /// </summary>
    public bool MayHoldPhone(bool phoneField) =>
        phoneField ? LongestPhoneChainDigits >= 7 : LongestPlusChainDigits >= 8 || LongestPhoneChainDigits >= 10;

    /// <summary>
    /// Profile of <paramref name="s"/>. Values of at most 64 chars get the exact per-class masks (see
    /// CandidateProfile.ShortValues.cs). Longer text keeps the old vectorised gates (digit count, '@', the multi-prefix
    /// search): a per-char pass over a 64 KiB JSON body cost more than it saved, since such a body holds candidates
    /// for every detector anyway (ScanText fell from ~90 to ~40 MB/s with it).
    /// </summary>
    public static CandidateProfile Of(ReadOnlySpan<char> s, SearchValues<string> keyPrefixes) =>
        s.Length <= MaxMaskedLength && Vector128.IsHardwareAccelerated ? OfShort(s) : OfLong(s, keyPrefixes);

    private static CandidateProfile OfLong(ReadOnlySpan<char> s, SearchValues<string> keyPrefixes)
    {
        var flags = Flags.FourDigitGroup | Flags.ThreeDigitDashGroup | Flags.ThreeDigitSpaceGroup | Flags.NineDigitRun |
                    Flags.LettersThenDigits;
        if (s.Contains('@'))
        {
            flags |= Flags.At;
        }

        if (s.Length >= MinPrefixedLength && s.ContainsAny(keyPrefixes))
        {
            flags |= Flags.KeyPrefixPair;
        }

        var digits = CountDigits(s);
        return new CandidateProfile(flags, digits, digits, digits, digits);
    }

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var first = s.IndexOfAny(DigitRunBoundary.Digits);
        if (first < 0)
        {
            return 0;
        }

        var count = 0;
        foreach (var c in s[first..])
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }
}
