namespace ApiSentinel.Crds.ApiSpecs;

/// <summary>Condition types of an <see cref="V1Alpha1ApiSpec"/> and their reasons.</summary>
public static class ApiSpecConditionTypes
{
    /// <summary>True when the document was read and parsed, and the engine uses it.</summary>
    public const string Parsed = "Parsed";

    /// <summary>
    /// True when the catalog uses the spec and the status figures (endpoints, shadow, non-conformant) come from a
    /// build that did.
    /// </summary>
    public const string Ready = "Ready";

    public const string ReasonParsed = "Parsed";

    /// <summary>The document failed to parse; the message says why.</summary>
    public const string ReasonInvalidDocument = "InvalidDocument";

    /// <summary>The referenced ConfigMap or key does not exist.</summary>
    public const string ReasonConfigMapNotFound = "ConfigMapNotFound";
}
