using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s.Autorest;

namespace ApiSentinel.Collector.Kubernetes.Writes;

/// <summary>
/// A failed request, classified: its <see cref="WriteFailureReasons"/> value, the HTTP status when there was one, the
/// server's Retry-After, and whether it says the server as a whole is unwell (<see cref="ServerWide"/>: throttled,
/// 5xx, timeouts, no connection, a malformed answer, and 401/403: credentials or RBAC are the same for every entry, so
/// trying each of thousands would only repeat the refusal) — then the writer backs off as a whole.
/// </summary>
public sealed record WriteFailure(string Reason, int? Status, TimeSpan? RetryAfter)
{
    public bool ServerWide => Reason is WriteFailureReasons.Throttled or WriteFailureReasons.ServerError
        or WriteFailureReasons.Timeout or WriteFailureReasons.Unreachable or WriteFailureReasons.Malformed
        or WriteFailureReasons.Forbidden;

    /// <summary>
    /// The failure an exception stands for, or null when it is not a request failure (a bug: let it surface). A request
    /// that failed without a response, or whose answer did not parse, is the server's trouble, not a bug of ours: if
    /// those stopped the sink, one proxy's broken reply would end the writing for good.
    /// </summary>
    public static WriteFailure? Of(Exception error, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error)
        {
            case HttpOperationException http when http.Response is { } response:
                return FromStatus((int)response.StatusCode, RetryAfterOf(response));
            case HttpOperationException:
                return new WriteFailure(WriteFailureReasons.Unreachable, null, null);
            case System.Text.Json.JsonException:
                return new WriteFailure(WriteFailureReasons.Malformed, null, null);
            case OperationCanceledException when !stopping.IsCancellationRequested:
                return new WriteFailure(WriteFailureReasons.Timeout, null, null);
            case TimeoutException:
                return new WriteFailure(WriteFailureReasons.Timeout, null, null);
            case HttpRequestException { StatusCode: { } code }:
                return FromStatus((int)code, null);
            case HttpRequestException or SocketException or IOException:
                return new WriteFailure(WriteFailureReasons.Unreachable, null, null);
            default:
                return null;
        }
    }

    public static WriteFailure FromStatus(int status, TimeSpan? retryAfter) => new(status switch
    {
        409 => WriteFailureReasons.Conflict,
        429 => WriteFailureReasons.Throttled,
        408 or 504 => WriteFailureReasons.Timeout,
        >= 500 => WriteFailureReasons.ServerError,
        400 or 422 => WriteFailureReasons.Invalid,
        401 or 403 => WriteFailureReasons.Forbidden,
        404 => WriteFailureReasons.NotFound,
        _ => WriteFailureReasons.Other,
    }, status, retryAfter);

    private static TimeSpan? RetryAfterOf(HttpResponseMessageWrapper response)
    {
        if (response.Headers is null)
        {
            return null;
        }
        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase) &&
                values.FirstOrDefault() is { } value &&
                int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        return null;
    }

    internal static bool IsStatus(Exception error, HttpStatusCode status) =>
        error is HttpOperationException { Response.StatusCode: var code } && code == status;
}
