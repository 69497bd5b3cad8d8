namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>The CEL type names the checker reasons with; dyn is null.</summary>
internal static class CelKinds
{
    public const string Int = "int";
    public const string Uint = "uint";
    public const string Double = "double";
    public const string String = "string";
    public const string Bool = "bool";
    public const string Bytes = "bytes";
    public const string Null = "null";
    public const string List = "list";
    public const string Map = "map";

    public static string? OfValue(object? literal) => literal switch
    {
        null => Null,
        long => Int,
        ulong => Uint,
        double => Double,
        string => String,
        bool => Bool,
        byte[] => Bytes,
        _ => null,
    };

    /// <summary>
    /// How kube types a schema node in CEL. Formats it maps to other types (date-time to timestamp, duration,
    /// byte to bytes) and nullable values are left dyn so the checker never refuses what kube accepts.
    /// </summary>
    public static string? OfSchema(SchemaNode schema)
    {
        if (schema.IntOrString || schema.Nullable || (schema.PreserveUnknownFields && schema.Type is null))
        {
            return null;
        }
        return schema.Type switch
        {
            SchemaTypes.String => schema.Format is "date-time" or "datetime" or "date" or "duration" or "byte" ? null : String,
            SchemaTypes.Integer => Int,
            SchemaTypes.Number => Double,
            SchemaTypes.Boolean => Bool,
            SchemaTypes.Array => List,
            SchemaTypes.Object => Map,
            _ => null,
        };
    }
}
