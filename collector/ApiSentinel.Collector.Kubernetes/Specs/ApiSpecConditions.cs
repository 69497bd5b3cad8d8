using ApiSentinel.Crds.ApiSpecs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// The condition types, reasons and Event reasons the <see cref="ApiSpecController"/> writes: the one home of these
/// strings on the collector's side. Those the resource types already define (<see cref="ApiSpecConditionTypes"/>) are
/// taken from there, not repeated.
/// </summary>
public static class ApiSpecConditions
{
    /// <summary>True when the document was read and parsed, and the engine uses it.</summary>
    public const string Parsed = ApiSpecConditionTypes.Parsed;

    /// <summary>
    /// True when the catalog uses the spec and the status figures (endpoints, shadow, non-conformant) come from a build
    /// that did: a parsed spec's status is written only after such a build, so Ready never reports figures of before.
    /// </summary>
    public const string Ready = ApiSpecConditionTypes.Ready;

    public const string True = "True";

    public const string False = "False";

    /// <summary>Parsed: the document was parsed.</summary>
    public const string ReasonParsed = ApiSpecConditionTypes.ReasonParsed;

    /// <summary>Parsed: the document is not OpenAPI/Swagger, is malformed, exceeds its budget, or is missing.</summary>
    public const string ReasonInvalidDocument = ApiSpecConditionTypes.ReasonInvalidDocument;

    /// <summary>Parsed: the referenced ConfigMap, or its key, does not exist.</summary>
    public const string ReasonConfigMapNotFound = ApiSpecConditionTypes.ReasonConfigMapNotFound;

    /// <summary>Parsed: the ApiSpec names a ConfigMap, and ConfigMaps cannot be listed yet (no permission, a failing server).</summary>
    public const string ReasonConfigMapsUnreadable = "ConfigMapsUnreadable";

    /// <summary>Ready: the catalog compares traffic with the spec, and the counts are from a build that did.</summary>
    public const string ReasonSpecInUse = "SpecInUse";

    /// <summary>Ready: there is no parsed document to use.</summary>
    public const string ReasonNotParsed = "NotParsed";
}
