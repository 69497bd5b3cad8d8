namespace ApiSentinel.Collector.Kubernetes.Writes;

/// <summary>Why a request to the API server failed: the values of the failure counters' <c>reason</c> attribute.</summary>
public static class WriteFailureReasons
{
    /// <summary>409: another writer changed the object (or an Event name exists); retried.</summary>
    public const string Conflict = "conflict";

    /// <summary>429: the server's own rate limit or priority-and-fairness; retried after its Retry-After.</summary>
    public const string Throttled = "throttled";

    /// <summary>5xx: the server failed; retried with backoff.</summary>
    public const string ServerError = "server-error";

    /// <summary>No answer in time.</summary>
    public const string Timeout = "timeout";

    /// <summary>No connection (refused, reset, DNS): the server is gone for now.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>400/422: the server refused the object (a schema the CRD on the cluster does not match).</summary>
    public const string Invalid = "invalid";

    /// <summary>An answer that did not parse (a proxy's error page, a truncated body): the server is treated as unwell.</summary>
    public const string Malformed = "malformed";

    /// <summary>401/403: the credentials or the service account's RBAC refuse it; the sink pauses as a whole.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: the object, its namespace or the CRD is missing.</summary>
    public const string NotFound = "not-found";

    /// <summary>Any other status.</summary>
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [Conflict, Throttled, ServerError, Timeout, Unreachable, Malformed, Invalid, Forbidden, NotFound, Other];
}
