using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// <see cref="CandidateProfile"/> for values of at most 64 chars (almost every JSON value): one 64-bit mask per
/// char class (bit i = char i), built eight chars per vector compare, and every gate derived with shifts and ANDs.
/// The scalar pass branches on each char's class, and the classes of ids, UUIDs and timestamps alternate
/// unpredictably: it cost ~2 ns/char on a UUID, this costs a fixed ~10–15 ns (measured on the shared 2-core box).
/// </summary>
internal readonly partial struct CandidateProfile
{
    private const int MaxMaskedLength = 64;

    private static CandidateProfile OfShort(ReadOnlySpan<char> s)
    {
        // Pad to whole vectors with NUL, which belongs to no class.
        Span<ushort> padded = stackalloc ushort[MaxMaskedLength];
        var chunks = (s.Length + 7) >> 3;
        padded[(s.Length & ~7)..(chunks << 3)].Clear();
        MemoryMarshal.Cast<char, ushort>(s).CopyTo(padded);

        ulong digit = 0, letter = 0, joiner = 0, plus = 0, at = 0, pairs = 0, space = 0, dash = 0;
        ulong upperA = 0, kSI = 0, y = 0, upperJ = 0, x = 0, o = 0;
        var prefixesPossible = s.Length >= MinPrefixedLength;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var v = Vector128.Create((ReadOnlySpan<ushort>)padded.Slice(chunk << 3, 8));
            var shift = chunk << 3;
            digit |= (ulong)Vector128.LessThan(v - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10)).ExtractMostSignificantBits() << shift;
            letter |= (ulong)Vector128.LessThan((v | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26)).ExtractMostSignificantBits() << shift;
            var isSpace = Vector128.Equals(v, Vector128.Create((ushort)' '));
            var isDash = Vector128.Equals(v, Vector128.Create((ushort)'-'));
            space |= (ulong)isSpace.ExtractMostSignificantBits() << shift;
            dash |= (ulong)isDash.ExtractMostSignificantBits() << shift;
            var isJoiner = isSpace | isDash | Vector128.Equals(v, Vector128.Create((ushort)'.')) |
                           Vector128.Equals(v, Vector128.Create((ushort)'(')) | Vector128.Equals(v, Vector128.Create((ushort)')'));
            joiner |= (ulong)isJoiner.ExtractMostSignificantBits() << shift;
            plus |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'+')).ExtractMostSignificantBits() << shift;
            at |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'@')).ExtractMostSignificantBits() << shift;
            if (prefixesPossible)
            {
                pairs |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'_')).ExtractMostSignificantBits() << shift;
                upperA |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'A')).ExtractMostSignificantBits() << shift;
                kSI |= (ulong)(Vector128.Equals(v, Vector128.Create((ushort)'K')) | Vector128.Equals(v, Vector128.Create((ushort)'S')) |
                               Vector128.Equals(v, Vector128.Create((ushort)'I'))).ExtractMostSignificantBits() << shift;
                y |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'y')).ExtractMostSignificantBits() << shift;
                upperJ |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'J')).ExtractMostSignificantBits() << shift;
                x |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'x')).ExtractMostSignificantBits() << shift;
                o |= (ulong)Vector128.Equals(v, Vector128.Create((ushort)'o')).ExtractMostSignificantBits() << shift;
            }
        }

        var flags = Flags.None;
        if (at != 0)
        {
            flags |= Flags.At;
        }

        // "A" then K/S/I, "yJ", "xo", "--", or any '_' (bit i+1 of the second char lines up under bit i by >> 1).
        pairs |= (upperA & (kSI >> 1)) | (y & (upperJ >> 1)) | (x & (o >> 1)) | (dash & (dash >> 1));
        if (prefixesPossible && pairs != 0)
        {
            flags |= Flags.KeyPrefixPair;
        }

        var digits = BitOperations.PopCount(digit);
        if (digits < 2)
        {
            return new CandidateProfile(flags, digits, digits, digits, digits);
        }

        // ending[k]: bit i set when chars i-k+1..i are all digits. lastDigit: a run's final digit.
        var ending2 = digit & (digit << 1);
        var ending3 = ending2 & (digit << 2);
        var ending4 = ending2 & (ending2 << 2);
        var ending8 = ending4 & (ending4 << 4);
        var ending9 = ending8 & (digit << 8);
        var ending13 = ending9 & (ending4 << 9);
        var lastDigit = digit & ~(digit >> 1);
        var exactly3 = ending3 & lastDigit & ~(digit << 3);
        var exactly4 = ending4 & lastDigit & ~(digit << 4);
        var exactly9 = ending9 & lastDigit & ~(digit << 9);

        // A card group: 4 digits, ' ' or '-', then at least 3 digits (PaymentCardDetector's next group is 3–6).
        var groupSeparator = (exactly4 << 1) & (space | dash);
        if (((groupSeparator << 1) & digit & (digit >> 1) & (digit >> 2)) != 0)
        {
            flags |= Flags.FourDigitGroup;
        }

        if (((exactly3 << 1) & dash) != 0)
        {
            flags |= Flags.ThreeDigitDashGroup;
        }

        if (((exactly3 << 1) & space) != 0)
        {
            flags |= Flags.ThreeDigitSpaceGroup;
        }

        if (exactly9 != 0)
        {
            flags |= Flags.NineDigitRun;
        }

        // Two letters directly followed by two digits (bit at the second digit).
        if ((ending2 & (letter << 2) & (letter << 3)) != 0)
        {
            flags |= Flags.LettersThenDigits;
        }

        var (chain, plusChain) = digits >= 7 ? LongestPhoneChains(digit, joiner, plus) : (digits, 0);
        return new CandidateProfile(flags, digits, ending13 != 0 ? 13 : 0, chain, plusChain);
    }

    /// <summary>
    /// Digits of the longest phone chain and of the longest chain opened by '+' (same rule as the scalar pass:
    /// chains break at any char outside digits and " -.()", at '+', and at a third joiner in a row).
    /// </summary>
    private static (int Chain, int PlusChain) LongestPhoneChains(ulong digit, ulong joiner, ulong plus)
    {
        var joinable = digit | joiner;
        var thirdJoiner = joiner & (joiner << 1) & (joiner << 2);
        // A chain of ≥ 7 digits spans ≥ 7 consecutive joinable chars; most values (UUIDs, prices) have none.
        var span2 = joinable & (joinable << 1);
        var span4 = span2 & (span2 << 2);
        if ((span4 & (span2 << 4) & (joinable << 6)) == 0)
        {
            return (0, 0);
        }

        var breaks = ~joinable | thirdJoiner | plus;
        int longest = 0, longestPlus = 0;
        var remaining = digit;
        while (remaining != 0)
        {
            var start = BitOperations.TrailingZeroCount(remaining);
            var after = breaks & (ulong.MaxValue << start);
            var end = after == 0 ? 64 : BitOperations.TrailingZeroCount(after);
            var inChain = end == 64 ? ulong.MaxValue << start : (ulong.MaxValue << start) & ((1UL << end) - 1);
            var count = BitOperations.PopCount(digit & inChain);
            longest = Math.Max(longest, count);
            var before = breaks & ((1UL << start) - 1);
            if (before != 0 && (plus & (1UL << (63 - BitOperations.LeadingZeroCount(before)))) != 0)
            {
                longestPlus = Math.Max(longestPlus, count);
            }

            remaining &= ~inChain;
        }

        return (longest, longestPlus);
    }
}
