namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>Condition types of an <see cref="V1Alpha1ApiSpec"/> and their reasons.</summary>
public static class ApiSpecConditionTypes
{
    /// <summary>True when the document was read and parsed, and the engine uses it.</summary>
    public const string Parsed = "Parsed";

    public const string ReasonParsed = "Parsed";

    /// <summary>The document failed to parse; the message says why.</summary>
    public const string ReasonInvalidDocument = "InvalidDocument";

    /// <summary>The referenced ConfigMap or key does not exist.</summary>
    public const string ReasonConfigMapNotFound = "ConfigMapNotFound";
}
