namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Where in an exchange a sensitive value was found, as reported in <see cref="SensitiveObservation.Location"/>.
/// One home for the names, so the catalog and the tests can rely on them.
/// </summary>
public static class ExtractionLocations
{
    public const string Path = "request.path";
    public const string Query = "request.query";
    public const string QueryPrefix = "request.query.";

    /// <summary>The host of an absolute-form, <c>//</c> or CONNECT target.</summary>
    public const string TargetAuthority = "request.authority";

    /// <summary>The Host header's host.</summary>
    public const string Host = "request.header.host";

    /// <summary>The request method (a method that is data is reported as <see cref="Placeholders.InvalidMethod"/>).</summary>
    public const string Method = "request.method";

    public const string RequestHeaderPrefix = "request.header.";
    public const string ResponseHeaderPrefix = "response.header.";

    /// <summary>A header NAME (not value) that held data.</summary>
    public const string RequestHeaderName = "request.header-name";
    public const string ResponseHeaderName = "response.header-name";

    public const string RequestContentType = "request.header.content-type";
    public const string ResponseContentType = "response.header.content-type";
    public const string UserAgent = "request.header.user-agent";

    /// <summary>A cookie NAME that held data.</summary>
    public const string CookieName = "request.cookie-name";

    public const string RequestBody = "request.body";
    public const string ResponseBody = "response.body";

    public static string QueryParameter(string name) => QueryPrefix + name;
}
