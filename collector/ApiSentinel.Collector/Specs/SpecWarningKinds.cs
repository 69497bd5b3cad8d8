namespace ApiSentinel.Collector.Specs;

/// <summary>The kinds of <see cref="SpecWarning"/>: the one home of these names.</summary>
public static class SpecWarningKinds
{
    /// <summary>A local <c>$ref</c> that points nowhere; the referencing schema is read as unconstrained.</summary>
    public const string DanglingReference = "dangling-ref";

    /// <summary>A chain of <c>$ref</c>s that leads back to itself without any content; cut, read as unconstrained.</summary>
    public const string ReferenceCycle = "ref-cycle";

    /// <summary>A part the OpenAPI reader could not read (wrong type, unknown field value); that part is skipped.</summary>
    public const string Structure = "structure";

    /// <summary>A breach of an OpenAPI validation rule (duplicate path signature, discriminator not required, ...).</summary>
    public const string Validation = "validation";

    /// <summary>A body that flattens past <see cref="Loading.SpecBudget.MaxBodyFields"/>: cut, deeper fields unconstrained.</summary>
    public const string BodyCut = "body-cut";
}
