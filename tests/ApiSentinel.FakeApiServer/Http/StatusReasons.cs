namespace ApiSentinel.FakeApiServer.Http;

/// <summary>The <c>reason</c> values of the Status objects the server returns (kube's metav1.StatusReason).</summary>
public static class StatusReasons
{
    public const string NotFound = "NotFound";
    public const string AlreadyExists = "AlreadyExists";
    public const string Conflict = "Conflict";
    public const string Invalid = "Invalid";
    public const string BadRequest = "BadRequest";
    public const string MethodNotAllowed = "MethodNotAllowed";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string Expired = "Expired";
    public const string RequestEntityTooLarge = "RequestEntityTooLarge";
    public const string TooManyRequests = "TooManyRequests";
    public const string InternalError = "InternalError";
    public const string ServiceUnavailable = "ServiceUnavailable";
    public const string Unknown = "";

    /// <summary>The reason kube gives a bare status code (what an injected fault reports).</summary>
    public static string ForCode(int code) => code switch
    {
        400 => BadRequest,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        410 => Expired,
        413 => RequestEntityTooLarge,
        415 => UnsupportedMediaType,
        422 => Invalid,
        429 => TooManyRequests,
        500 => InternalError,
        503 => ServiceUnavailable,
        _ => Unknown,
    };
}
