using System.Text.RegularExpressions;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// A string parameter's <c>pattern</c>, honoured without a regex-to-string generator: the name-hinted value is kept
/// when it matches, otherwise the first of a few generic shapes (digits, UUID, hex, word, upper-case code) that
/// does. A pattern none of them fits (multi-segment <c>^projects/[^/]+$</c>) keeps the name-hinted value.
/// </summary>
/// <remarks>
/// Matching must not depend on the machine's load, or the same seed gives other traffic: with a 20 ms match
/// timeout, seed 1 EVAL gave 64,652, 59,751 and 63,320 calls in three runs on a loaded 2-core VM (a timed-out match
/// keeps the value, so fewer values are drawn and every later draw shifts). Patterns are therefore matched by
/// <see cref="RegexOptions.NonBacktracking"/> (linear time, no timeout needed, same matches); only a construct it does
/// not support (lookaround, backreference) falls back to backtracking, with a budget far above any real pattern's cost.
/// </remarks>
internal static class Patterns
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);
    private static readonly Dictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    public static string Fit(string pattern, string value, ValueFactory values)
    {
        if (Compile(pattern) is not { } regex)
        {
            return value;
        }
        foreach (var candidate in Candidates(value, values))
        {
            try
            {
                if (regex.IsMatch(candidate))
                {
                    return candidate;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return value;
            }
        }
        return value;
    }

    private static IEnumerable<string> Candidates(string value, ValueFactory values)
    {
        yield return value;
        yield return values.Digits(6);
        yield return values.Uuid();
        yield return values.Hex(24);
        yield return values.Slug();
        yield return values.Random62(8).ToUpperInvariant();
        yield return values.Digits(2);
        yield return values.Pick(Vocabulary.Nouns);
    }

    private static Regex? Compile(string pattern)
    {
        if (!Cache.TryGetValue(pattern, out var regex))
        {
            try
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                regex = new Regex(pattern, RegexOptions.CultureInvariant, Budget);
            }
            catch (ArgumentException)
            {
                regex = null; // an ECMA-262 construct .NET does not read: the pattern is not honoured
            }
            Cache[pattern] = regex;
        }
        return regex;
    }
}
