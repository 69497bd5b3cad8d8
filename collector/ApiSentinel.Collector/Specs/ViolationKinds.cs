namespace ApiSentinel.Collector.Specs;

/// <summary>Kinds of <see cref="ConformanceViolation"/>.</summary>
public static class ViolationKinds
{
    public const string UndocumentedQueryParameter = "undocumented-query-parameter";
    public const string UndocumentedHeader = "undocumented-header";
    public const string UndocumentedStatus = "undocumented-status";
    public const string UndocumentedRequestField = "undocumented-request-field";
    public const string UndocumentedResponseField = "undocumented-response-field";
    public const string TypeMismatch = "type-mismatch";
    public const string MissingRequiredParameter = "missing-required-parameter";
    public const string UndocumentedAuth = "undocumented-auth";
}
