using System.Text.RegularExpressions;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// Compiles the RE2 patterns of <c>pattern</c> and CEL's <c>matches()</c> with .NET. RE2 has no backreferences or
/// lookarounds, so the non-backtracking engine accepts almost every pattern and runs in linear time; the rest fall
/// back to the backtracking engine under a timeout so a hostile pattern cannot hang a request. The pattern is first
/// given RE2's meaning of <c>$</c> and the ASCII classes (<see cref="Re2Translation"/>).
/// </summary>
public static class Re2Regex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public static bool TryCreate(string pattern, out Regex? regex, out string error)
    {
        try
        {
            regex = new Regex(Re2Translation.ToDotNet(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
            error = "";
            return true;
        }
        catch (NotSupportedException)
        {
            // Constructs RE2 lacks too (backreferences, lookarounds): the real server would reject the pattern.
            regex = null;
            error = "error parsing regexp: invalid or unsupported Perl syntax";
            return false;
        }
        catch (ArgumentException ex)
        {
            regex = null;
            error = "error parsing regexp: " + ex.Message;
            return false;
        }
    }

    /// <summary>True when it matches; a match that times out counts as no match.</summary>
    public static bool IsMatch(Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
