using System.Buffers;
using System.Text;
using ApiSentinel.Sensor.Buffers;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Finds sensitive data in values the exchange extractor hands over and reports its TYPE and LOCATION, never the
/// value (DESIGN.md, privacy rule). Thread-safe: all state is read-only after construction except the counters and
/// the two run-time settings (<see cref="ReplaceRuntimeDetectors"/>, <see cref="MaxTextBytes"/>), which are swapped
/// whole and read once per scan.
/// <para>
/// Cost model: most values contain nothing, so every detector is gated by a <see cref="CandidateProfile"/> (for
/// values up to 64 chars, per-class bit masks proving which detectors cannot match; for longer text, a
/// vectorised multi-prefix search, '@' and a digit count), the
/// built-ins are hand-written span scanners rather than regexes, and nothing allocates unless a match is added
/// (the one exception: the first sighting of a field name adds it to a bounded classification cache).
/// Only custom detectors run a regex on every value. Measured on the shared, loaded 2-core dev box (Release): a
/// 55-char value without candidates ~0.5–1 µs; a 64 KiB JSON body without candidates ~1–3 ms, most of it in the
/// card and phone scans, which visit every digit run.
/// </para>
/// </summary>
public sealed class SensitiveDataScanner
{

    private static readonly SearchValues<string> s_prefixes = SearchValues.Create(
        ["-----BEGIN ", "eyJ", "AKIA", "ASIA", "AIza", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
         "xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "sk_live_", "rk_live_"],
        StringComparison.Ordinal);

    /// <summary>
    /// Longest text <see cref="ScanText"/> inspects; longer input is cut and counted. Set at run time by the pipeline
    /// when its body-inspection limit changes (so the scan follows the limit, as at construction).
    /// </summary>
    public int MaxTextBytes
    {
        get => Volatile.Read(ref _maxTextBytes);
        internal set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _maxTextBytes, value);
        }
    }

    private int _maxTextBytes;

    private readonly bool[] _enabled;
    private readonly CompiledCustomDetector[] _custom;

    // Detectors pushed at run time (the collector's), after the configured ones; replaced whole.
    private CompiledCustomDetector[] _runtimeCustom = [];
    private readonly bool _includeMaskedSamples;

    /// <param name="options">What to look for.</param>
    /// <param name="maxTextBytes">
    /// Longest text <see cref="ScanText"/> inspects: the body-inspection limit the pipeline runs with
    /// (<see cref="Http.Http1Options.BodyInspectionLimit"/>), so a raised <c>--body-limit</c> is scanned in full.
    /// </param>
    public SensitiveDataScanner(SensitiveDataOptions options, int maxTextBytes = Http.Http1Options.DefaultBodyInspectionLimit)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTextBytes);
        _maxTextBytes = maxTextBytes;
        options.Validate();
        _enabled = new bool[Enum.GetValues<SensitiveDataType>().Length];
        foreach (var type in options.EnabledBuiltIns)
        {
            if ((int)type >= 0 && (int)type < _enabled.Length)
            {
                _enabled[(int)type] = true;
            }
        }

        _custom = [.. options.CustomDetectors.Select(d => new CompiledCustomDetector(d, options.CustomDetectorTimeout))];
        _includeMaskedSamples = options.IncludeMaskedSamples;
    }

    public SensitiveScanCounters Counters { get; } = new();

    /// <summary>
    /// Scans one value (query value, header value, JSON string or number, path segment) found under
    /// <paramref name="fieldName"/> (may be null). Positions are chars into <paramref name="value"/>.
    /// <para>
    /// Field-name context: a field named like the type raises its confidence (card, SSN, phone) or admits forms that
    /// are too ambiguous alone (9 bare SSN digits, bare phone digits, a 40-char AWS secret). A field named like a
    /// password, secret or token whose non-empty value matched nothing else is reported as "password" (Medium) or
    /// "secret" (Medium; Low for generic "token" fields, which are often CSRF or correlation ids) covering the
    /// whole value — its content is not checked. A cvv/cvc field with 3–4 digits reports "credit-card" and a date
    /// of birth field with a date-like value "date-of-birth", both Medium.
    /// </para>
    /// </summary>
    /// <returns>The number of matches appended to <paramref name="results"/>.</returns>
    public int ScanValue(ReadOnlySpan<char> value, string? fieldName, List<SensitiveMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (value.IsEmpty)
        {
            return 0;
        }

        var from = results.Count;
        var context = fieldName is null ? FieldContext.None : ClassifyCached(fieldName);
        Span<char> normalisedField = stackalloc char[CompiledCustomDetector.MaxFieldNameChars];
        var runtime = Volatile.Read(ref _runtimeCustom);
        var fieldLength = fieldName is null || (_custom.Length == 0 && runtime.Length == 0)
            ? 0
            : CompiledCustomDetector.NormaliseInto(fieldName, normalisedField);

        ScanBuiltIns(value, context, isText: false, results, from);
        if (results.Count == from && context != FieldContext.None)
        {
            AddFieldOnlyMatch(value, context, results);
        }

        ScanCustom(_custom, value, normalisedField[..fieldLength], results);
        ScanCustom(runtime, value, normalisedField[..fieldLength], results);
        return Finish(value, results, from);
    }

    /// <summary>
    /// Scans a free-text or unknown body (UTF-8, at most <see cref="MaxTextBytes"/>; longer input is cut and
    /// counted). Same detectors without field context; positions are byte offsets. The bytes are widened one byte
    /// to one char (Latin-1) so offsets map 1:1; every built-in pattern is ASCII, so multi-byte characters only act
    /// as separators. Custom regexes therefore see non-ASCII text as Latin-1, not as decoded UTF-8.
    /// </summary>
    public int ScanText(ReadOnlySpan<byte> utf8, List<SensitiveMatch> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (utf8.IsEmpty)
        {
            return 0;
        }

        var maxTextBytes = MaxTextBytes;
        if (utf8.Length > maxTextBytes)
        {
            Interlocked.Increment(ref Counters.TruncatedTexts);
            utf8 = utf8[..maxTextBytes];
        }

        var from = results.Count;
        var rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var text = rented.AsSpan(0, utf8.Length);
            Encoding.Latin1.GetChars(utf8, text);
            ScanBuiltIns(text, FieldContext.None, isText: true, results, from);
            ScanCustom(_custom, text, [], results);
            ScanCustom(Volatile.Read(ref _runtimeCustom), text, [], results);
            return Finish(text, results, from);
        }
        finally
        {
            // The pool outlives this call: do not leave payload text lying in it.
            PayloadBuffers.ReturnWiped(rented, utf8.Length);
        }
    }

    /// <summary>
    /// What a field's name alone says: "password", "secret", "aws-secret-key", "credit-card" (card number, cc, pan,
    /// cvv), "us-ssn", "iban", "email", "phone-number", "date-of-birth", or null. Snake, camel, kebab, dotted and
    /// bracketed spellings are equivalent.
    /// </summary>
    public static string? ClassifyFieldName(ReadOnlySpan<char> fieldName) => FieldNameClassifier.Classify(fieldName) switch
    {
        FieldContext.Password => SensitiveTypes.Password,
        FieldContext.Secret or FieldContext.Token => SensitiveTypes.Secret,
        FieldContext.AwsSecret => SensitiveTypes.AwsSecretKey,
        FieldContext.Card or FieldContext.CardSecurityCode => SensitiveTypes.CreditCard,
        FieldContext.Ssn => SensitiveTypes.UsSsn,
        FieldContext.Iban => SensitiveTypes.Iban,
        FieldContext.Email => SensitiveTypes.Email,
        FieldContext.Phone => SensitiveTypes.PhoneNumber,
        FieldContext.DateOfBirth => SensitiveTypes.DateOfBirth,
        _ => null,
    };

    /// <summary>Masked sample of a detected value: "4111********1111", "***-**-6789", "j***@example.com"; "********" for secrets.</summary>
    public static string Mask(string type, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SensitiveValueMasker.Mask(type, value);
    }

    private bool IsEnabled(SensitiveDataType type) => _enabled[(int)type];

    /// <summary>
    /// Field names repeat endlessly (the same API, the same JSON keys), and classifying one runs a few dozen
    /// substring checks (about a microsecond, measured on the shared 2-core box). Remember up to
    /// <see cref="MaxCachedFieldNames"/> of them; beyond that, names are classified each time so hostile traffic
    /// with unique keys cannot grow memory.
    /// </summary>
    private FieldContext ClassifyCached(string fieldName)
    {
        if (_fieldContexts.TryGetValue(fieldName, out var context))
        {
            return context;
        }

        context = FieldNameClassifier.Classify(fieldName);
        // ConcurrentDictionary.Count takes every lock; a separate counter keeps the bound check cheap.
        if (Volatile.Read(ref _cachedFieldNames) < MaxCachedFieldNames && _fieldContexts.TryAdd(fieldName, context))
        {
            Interlocked.Increment(ref _cachedFieldNames);
        }

        return context;
    }

    private const int MaxCachedFieldNames = 4096;

    private int _cachedFieldNames;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FieldContext> _fieldContexts = new(StringComparer.Ordinal);

    /// <summary>
    /// Built-ins, most specific first, so later (looser) detectors skip what earlier ones claimed. Each runs only
    /// when the value's <see cref="CandidateProfile"/> says it could match.
    /// </summary>
    private void ScanBuiltIns(ReadOnlySpan<char> s, FieldContext context, bool isText, List<SensitiveMatch> results, int from)
    {
        var profile = CandidateProfile.Of(s, s_prefixes);
        if (profile.MayHoldPrefixedKey(s.Length))
        {
            ScanPrefixed(s, results, from);
        }

        if (IsEnabled(SensitiveDataType.AwsSecretKey))
        {
            if (context == FieldContext.AwsSecret)
            {
                AwsSecretKeyDetector.ScanField(s, results, from);
            }
            else if (isText)
            {
                AwsSecretKeyDetector.ScanText(s, results, from);
            }
        }

        if (IsEnabled(SensitiveDataType.Email) && profile.HasAt)
        {
            EmailDetector.Scan(s, context, results, from);
        }

        if (profile.Digits < 2)
        {
            return;
        }

        if (IsEnabled(SensitiveDataType.Iban) && profile.MayHoldIban(s.Length))
        {
            IbanDetector.Scan(s, results, from);
        }

        if (IsEnabled(SensitiveDataType.CreditCard) && profile.MayHoldCard)
        {
            PaymentCardDetector.Scan(s, context, results, from);
        }

        if (IsEnabled(SensitiveDataType.UsSsn) && profile.MayHoldSsn(context == FieldContext.Ssn))
        {
            UsSsnDetector.Scan(s, context, results, from);
        }

        if (IsEnabled(SensitiveDataType.PhoneNumber) && profile.MayHoldPhone(context == FieldContext.Phone))
        {
            PhoneNumberDetector.Scan(s, context, results, from);
        }
    }

    private void ScanPrefixed(ReadOnlySpan<char> s, List<SensitiveMatch> results, int from)
    {
        var position = 0;
        while (position < s.Length)
        {
            var found = s[position..].IndexOfAny(s_prefixes);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            var (length, type) = MatchPrefixed(s, start);
            if (length > 0 && !MatchOverlap.Overlaps(results, from, start, length))
            {
                results.Add(new SensitiveMatch(type, start, length, SensitiveConfidence.High));
                position = start + length;
            }
            else
            {
                position = start + 1;
            }
        }
    }

    private (int Length, string Type) MatchPrefixed(ReadOnlySpan<char> s, int start)
    {
        switch (s[start])
        {
            case '-':
                return IsEnabled(SensitiveDataType.PrivateKey)
                    ? (PrivateKeyDetector.MatchLength(s, start), SensitiveTypes.PrivateKey)
                    : (0, "");
            case 'e':
                return IsEnabled(SensitiveDataType.Jwt) ? (JwtDetector.MatchLength(s, start), SensitiveTypes.Jwt) : (0, "");
            default:
                var length = CloudKeyDetector.MatchLength(s, start, out var type);
                return length > 0 && IsEnabled(TypeOfCloudKey(type)) ? (length, type) : (0, "");
        }
    }

    private static SensitiveDataType TypeOfCloudKey(string type) => type switch
    {
        SensitiveTypes.AwsAccessKey => SensitiveDataType.AwsAccessKey,
        SensitiveTypes.GoogleApiKey => SensitiveDataType.GoogleApiKey,
        SensitiveTypes.GitHubToken => SensitiveDataType.GitHubToken,
        SensitiveTypes.SlackToken => SensitiveDataType.SlackToken,
        _ => SensitiveDataType.StripeKey,
    };

    private void AddFieldOnlyMatch(ReadOnlySpan<char> value, FieldContext context, List<SensitiveMatch> results)
    {
        var trimmed = value.Trim();
        if (IsPlaceholder(trimmed))
        {
            return;
        }

        SensitiveMatch? match = context switch
        {
            FieldContext.Password when IsEnabled(SensitiveDataType.Password) =>
                new SensitiveMatch(SensitiveTypes.Password, 0, value.Length, SensitiveConfidence.Medium),
            FieldContext.Secret or FieldContext.AwsSecret when IsEnabled(SensitiveDataType.Secret) =>
                new SensitiveMatch(SensitiveTypes.Secret, 0, value.Length, SensitiveConfidence.Medium),
            FieldContext.Token when IsEnabled(SensitiveDataType.Secret) =>
                new SensitiveMatch(SensitiveTypes.Secret, 0, value.Length, SensitiveConfidence.Low),
            FieldContext.CardSecurityCode when IsEnabled(SensitiveDataType.CreditCard) && trimmed.Length is 3 or 4 &&
                                               trimmed.IndexOfAnyExcept(DigitRunBoundary.Digits) < 0 =>
                new SensitiveMatch(SensitiveTypes.CreditCard, 0, value.Length, SensitiveConfidence.Medium),
            FieldContext.DateOfBirth when IsEnabled(SensitiveDataType.DateOfBirth) && LooksLikeDate(trimmed) =>
                new SensitiveMatch(SensitiveTypes.DateOfBirth, 0, value.Length, SensitiveConfidence.Medium),
            _ => null,
        };

        if (match is { } m)
        {
            results.Add(m);
        }
    }

    /// <summary>Values that carry nothing: blank, or already masked ("****", "xxxx", "•••").</summary>
    private static bool IsPlaceholder(ReadOnlySpan<char> trimmed) =>
        trimmed.IsEmpty || trimmed.IndexOfAnyExcept("*xX•") < 0 ||
        trimmed.Equals("null", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("undefined", StringComparison.OrdinalIgnoreCase);

    /// <summary>4–8 digits in at most 32 chars ("1990-01-15", "15/01/1990", "19900115", "Jan 15 1990").</summary>
    private static bool LooksLikeDate(ReadOnlySpan<char> trimmed) => trimmed.Length <= 32 && CandidateProfile.Of(trimmed, s_prefixes).Digits is >= 4 and <= 8;

    /// <summary>
    /// Replaces the run-time custom detectors (the configured ones and the built-ins stay). Scans already running
    /// finish with the set they started with.
    /// </summary>
    internal void ReplaceRuntimeDetectors(CompiledCustomDetector[] detectors)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        Volatile.Write(ref _runtimeCustom, detectors);
    }

    private void ScanCustom(CompiledCustomDetector[] detectors, ReadOnlySpan<char> s, ReadOnlySpan<char> normalisedField, List<SensitiveMatch> results)
    {
        foreach (var detector in detectors)
        {
            if (!detector.Scan(s, normalisedField, results))
            {
                Interlocked.Increment(ref Counters.CustomDetectorTimeouts);
            }
        }
    }

    private int Finish(ReadOnlySpan<char> s, List<SensitiveMatch> results, int from)
    {
        if (_includeMaskedSamples)
        {
            for (var i = from; i < results.Count; i++)
            {
                var m = results[i];
                results[i] = m with { MaskedSample = SensitiveValueMasker.Mask(m.Type, s.Slice(m.Start, m.Length)) };
            }
        }

        return results.Count - from;
    }
}
