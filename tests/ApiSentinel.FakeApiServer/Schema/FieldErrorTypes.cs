namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// The kinds of field error kube-apiserver reports, as the <c>reason</c> of a <c>StatusCause</c>
/// (k8s.io/apimachinery/pkg/util/validation/field), and the words each prints in a message.
/// </summary>
public static class FieldErrorTypes
{
    public const string Invalid = "FieldValueInvalid";
    /// <summary>A value of the wrong JSON type; kube prints it as "Invalid value" too.</summary>
    public const string TypeInvalid = "FieldValueTypeInvalid";
    public const string Required = "FieldValueRequired";
    public const string NotSupported = "FieldValueNotSupported";
    public const string TooLong = "FieldValueTooLong";
    public const string TooMany = "FieldValueTooMany";
    public const string Duplicate = "FieldValueDuplicate";
    public const string Forbidden = "FieldValueForbidden";

    /// <summary>What kube prints for the type in <c>path: WORDS: value: detail</c>.</summary>
    public static string Words(string type) => type switch
    {
        Invalid or TypeInvalid => "Invalid value",
        Required => "Required value",
        NotSupported => "Unsupported value",
        TooLong => "Too long",
        TooMany => "Too many",
        Duplicate => "Duplicate value",
        Forbidden => "Forbidden",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a field error type"),
    };
}
