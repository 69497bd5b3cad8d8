namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>The values of the Table protocol: the <c>includeObject</c> policies and the column types.</summary>
public static class TableFormats
{
    /// <summary>Rows carry no object.</summary>
    public const string IncludeNone = "None";

    /// <summary>Rows carry the object's metadata as a <c>PartialObjectMetadata</c> (the default).</summary>
    public const string IncludeMetadata = "Metadata";

    /// <summary>Rows carry the whole object (kubectl asks for it with <c>--sort-by</c>).</summary>
    public const string IncludeObject = "Object";

    public const string StringType = "string";
    public const string IntegerType = "integer";
    public const string NumberType = "number";
    public const string BooleanType = "boolean";
    public const string DateType = "date";

    /// <summary>The format kubectl recognises as the row's name (it prefixes it with the kind for mixed listings).</summary>
    public const string NameFormat = "name";

    /// <summary>True for the policies the real server accepts (and for none given); anything else is a 400.</summary>
    public static bool IsKnownIncludeObject(string? value) =>
        string.IsNullOrEmpty(value) || value is IncludeNone or IncludeMetadata or IncludeObject;
}
