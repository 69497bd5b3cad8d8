using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Decides whether text found where a name belongs — a JSON key, a form field name, a header or cookie name, a
/// query parameter name, a media type, a User-Agent product, a method, a host — may be echoed. Anything a
/// sensitive-data detector fires on is data (its matches are handed back to be counted with their location); so
/// are identifiers, digit chains and random tokens (<see cref="NameShape"/>).
/// <para>
/// Cost: names repeat (every response of an endpoint has the same keys), so names found plain are remembered in a
/// bounded set that forgets names no longer seen (<see cref="RecentNames{TValue}"/>) and a known name costs one
/// hash lookup; the detectors run on the first sighting only. Data is
/// never remembered — neither the raw value nor a verdict about it — so hostile traffic with unique keys costs a
/// scan per key (like any value) and no memory.
/// </para>
/// </summary>
internal sealed class NameScreen
{
    /// <summary>Distinct plain names per generation of the caches of names (at most twice this many are held).</summary>
    public const int Capacity = 8192;

    /// <summary>Longest name remembered; longer plain names are screened every time (they are rare).</summary>
    private const int MaxRememberedLength = 128;

    /// <summary>Longest text screened by detectors; longer text is opaque unscreened (no name is this long).</summary>
    public const int MaxScreenedLength = 1024;

    /// <summary>Digits in one chain that make a name data: card, SSN, account and phone numbers all have more.</summary>
    public const int MaxDigitChain = 5;

    private readonly SensitiveDataScanner _scanner;
    private readonly RecentNames<bool> _plain = new(Capacity);

    public NameScreen(SensitiveDataScanner scanner)
    {
        _scanner = scanner;
    }

    public SensitiveDataScanner Scanner => _scanner;

    /// <summary>Plain names remembered now (tests: the bound holds).</summary>
    internal int Remembered => _plain.Count;

    internal bool Remembers(ReadOnlySpan<char> name) => _plain.Contains(name);

    /// <summary>Screens <paramref name="name"/>; on <see cref="NameVerdict.Sensitive"/>, <paramref name="matches"/> (cleared first) holds what fired.</summary>
    public NameVerdict Screen(ReadOnlySpan<char> name, List<SensitiveMatch> matches)
    {
        matches.Clear();
        if (name.IsEmpty || _plain.Contains(name))
        {
            return NameVerdict.Plain;
        }
        if (name.Length > MaxScreenedLength)
        {
            return NameVerdict.Opaque;
        }
        if (ScanAsValue(name, matches) > 0)
        {
            return NameVerdict.Sensitive;
        }
        if (NameShape.IsIdentifier(name))
        {
            return NameVerdict.Identifier;
        }
        if (NameShape.IsWordsWithShortNumbers(name) ? WordsLookRandom(name) : NameShape.LongestDigitChain(name) > MaxDigitChain || NameShape.LooksRandom(name))
        {
            return NameVerdict.Opaque;
        }
        if (name.Length <= MaxRememberedLength)
        {
            _plain.Add(new string(name), true);
        }
        return NameVerdict.Plain;
    }

    /// <summary>
    /// <see cref="NameShape.LooksRandom"/> on the words of a name of words and short numbers only: the numbers of
    /// <c>thumbnail_128x128</c> are sizes, and would otherwise score as a token's scattered digits.
    /// </summary>
    private static bool WordsLookRandom(ReadOnlySpan<char> name)
    {
        Span<char> words = stackalloc char[name.Length]; // names screened are at most MaxScreenedLength
        for (var i = 0; i < name.Length; i++)
        {
            words[i] = char.IsAsciiLetter(name[i]) && !IsDimensionX(name, i) ? name[i] : '_';
        }
        return NameShape.LooksRandom(words);
    }

    /// <summary>The 'x' of <c>128x128</c>.</summary>
    private static bool IsDimensionX(ReadOnlySpan<char> name, int i) =>
        name[i] == 'x' && i > 0 && i + 1 < name.Length && char.IsAsciiDigit(name[i - 1]) && char.IsAsciiDigit(name[i + 1]);

    /// <summary>Screens wire bytes read as Latin-1 (header names, tokens). <paramref name="chars"/> receives the text.</summary>
    public NameVerdict Screen(ReadOnlySpan<byte> name, Span<char> chars, List<SensitiveMatch> matches, out int length)
    {
        if (name.Length > chars.Length)
        {
            matches.Clear();
            length = 0;
            return NameVerdict.Opaque;
        }
        length = Encoding.Latin1.GetChars(name, chars);
        return Screen(chars[..length], matches);
    }

    /// <summary>
    /// Detectors only, without the shape tests: for hosts and path segments, where digit chains are ordinary
    /// (<c>ip-10-0-0-1</c>, <c>/orders/2024-000123</c>) and a detector is the only sound judge.
    /// </summary>
    public int ScanEmbedded(ReadOnlySpan<char> text, List<SensitiveMatch> matches)
    {
        matches.Clear();
        return text.IsEmpty ? 0 : ScanAsValue(text, matches);
    }

    /// <summary>
    /// The detectors, on the name as written and, when it holds enough digits behind separators the number
    /// detectors do not accept (<c>card_4111…</c>, <c>4111.1111.1111.1111</c>), once more with those separators
    /// read as '-'. The second pass keeps only numbers (card, SSN, IBAN): a dotted OID is not a phone number.
    /// </summary>
    private int ScanAsValue(ReadOnlySpan<char> name, List<SensitiveMatch> matches)
    {
        if (_scanner.ScanValue(name, null, matches) > 0)
        {
            return matches.Count;
        }
        if (name.Length > 256 || name.IndexOfAny(NumberSeparators) < 0 || CountDigits(name) < 9)
        {
            return 0;
        }
        Span<char> normalised = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            normalised[i] = NumberSeparators.Contains(name[i]) ? '-' : name[i];
        }
        _scanner.ScanValue(normalised, null, matches);
        matches.RemoveAll(static m => m.Type is not (SensitiveTypes.CreditCard or SensitiveTypes.UsSsn or SensitiveTypes.Iban));
        return matches.Count;
    }

    private static readonly System.Buffers.SearchValues<char> NumberSeparators = System.Buffers.SearchValues.Create("._~:,+=");

    private static int CountDigits(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                n++;
            }
        }
        return n;
    }
}
