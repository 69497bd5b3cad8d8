namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>The paths of an <c>ApiEndpoint</c> status's bounded lists, as <c>status.truncated.lists</c> names them.</summary>
public static class StatusLists
{
    public const string SensitiveData = "sensitiveData";
    public const string MaskedSamples = "sensitiveData.maskedSamples";
    public const string Findings = "findings";
    public const string FindingEvidence = "findings.evidence";
    public const string Namespaces = "namespaces";
    public const string Workloads = "workloads";
    public const string AuthSchemes = "auth.schemes";
    public const string AuthLocations = "auth.locations";
    public const string AuthJwtAlgorithms = "auth.jwtAlgorithms";
    public const string AuthIssues = "auth.issues";
    public const string StatusCodes = "usage.statusCodes";
    public const string TopClients = "usage.topClients";
    public const string Query = "parameters.query";
    public const string FieldKinds = "parameters.kinds";
    public const string RequestHeaders = "parameters.requestHeaders";
    public const string ResponseHeaders = "parameters.responseHeaders";
    public const string RequestFields = "parameters.requestFields";
    public const string ResponseFields = "parameters.responseFields";
    public const string RequestContentTypes = "parameters.contentTypes.request";
    public const string ResponseContentTypes = "parameters.contentTypes.response";
    public const string Violations = "conformance.violations";
}
