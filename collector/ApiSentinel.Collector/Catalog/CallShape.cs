namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The shapes a call's method and status must have to be catalogued as themselves. Calls arrive from gRPC (any
/// string, any int32) and HAR (any positive int); what the catalog keeps must also be what an <c>ApiEndpoint</c>
/// resource accepts — a value its CRD refuses would make the write fail forever. So a method that is no RFC 9110
/// token is filed under <see cref="CatalogOverflow.Name"/> and a status outside <see cref="MinStatus"/>..<see
/// cref="MaxStatus"/> is not kept as a code; both are counted (<see cref="CatalogCounters"/>).
/// </summary>
public static class CallShape
{
    /// <summary>The longest method kept (WebDAV's <c>VERSION-CONTROL</c> is 15; 24 leaves room for extensions).</summary>
    public const int MaxMethodLength = 24;

    /// <summary>RFC 9110 §15: a status code is three digits; 1xx is the lowest class defined.</summary>
    public const int MinStatus = 100;

    public const int MaxStatus = 999;

    public static bool IsStatusCode(int status) => status is >= MinStatus and <= MaxStatus;

    /// <summary>An RFC 9110 token (<c>tchar</c>s) of 1..<see cref="MaxMethodLength"/> characters.</summary>
    public static bool IsMethod(string method)
    {
        if (method.Length is 0 or > MaxMethodLength)
        {
            return false;
        }
        foreach (var c in method)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
