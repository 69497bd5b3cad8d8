namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>The values of <c>type</c>.</summary>
public static class SchemaTypes
{
    public const string Object = "object";
    public const string Array = "array";
    public const string String = "string";
    public const string Integer = "integer";
    public const string Number = "number";
    public const string Boolean = "boolean";

    public static readonly IReadOnlyList<string> All = [Array, Boolean, Integer, Number, Object, String];
}
