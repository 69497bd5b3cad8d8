namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>kube's <c>details.causes[].reason</c> values (metav1.CauseType) for field errors.</summary>
internal static class FieldCauseReasons
{
    public const string Invalid = "FieldValueInvalid";
    public const string Required = "FieldValueRequired";
    public const string NotSupported = "FieldValueNotSupported";
    public const string TooLong = "FieldValueTooLong";
    public const string TooMany = "FieldValueTooMany";
    public const string Duplicate = "FieldValueDuplicate";
    public const string Forbidden = "FieldValueForbidden";

    /// <summary>The cause type for a field error type as the schema validator names them (<c>Invalid</c>, <c>Required</c>, …).</summary>
    public static string ForErrorType(string type) => type switch
    {
        "Required" => Required,
        "NotSupported" => NotSupported,
        "TooLong" => TooLong,
        "TooMany" => TooMany,
        "Duplicate" => Duplicate,
        "Forbidden" => Forbidden,
        _ => Invalid,
    };
}
