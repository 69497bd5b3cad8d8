using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>One column of a kind's table: its definition and how a cell is read from an object.</summary>
internal sealed class TableColumn
{
    private const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.";

    private const string AgeDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created.";

    private readonly string _name;
    private readonly string _type;
    private readonly string _format;
    private readonly string _description;
    private readonly long _priority;
    private readonly Func<JsonObject, DateTimeOffset, JsonNode?> _cell;

    private TableColumn(string name, string type, string format, string description, long priority, Func<JsonObject, DateTimeOffset, JsonNode?> cell)
    {
        _name = name;
        _type = type;
        _format = format;
        _description = description;
        _priority = priority;
        _cell = cell;
    }

    /// <summary>
    /// A kind's columns: a built-in's own set (<see cref="BuiltInColumns"/>) or Name followed by the CRD's printer
    /// columns, or by Age when it declares none.
    /// </summary>
    public static IReadOnlyList<TableColumn> For(ResourceType type)
    {
        if (type.PrinterColumns is null && BuiltInColumns.For(type) is { } builtIn)
        {
            return builtIn;
        }
        var columns = new List<TableColumn> { Name() };
        var declared = type.PrinterColumns?.OfType<JsonObject>().ToList() ?? [];
        if (declared.Count == 0)
        {
            columns.Add(ByPath("Age", TableFormats.DateType, AgeDescription, 0, ".metadata.creationTimestamp"));
            return columns;
        }
        foreach (var column in declared)
        {
            var jsonPath = StringOf(column, "jsonPath") ?? "";
            var description = StringOf(column, "description");
            columns.Add(ByPath(
                StringOf(column, "name") ?? jsonPath,
                StringOf(column, "type") ?? TableFormats.StringType,
                string.IsNullOrEmpty(description) ? $"Custom resource definition column (in JSONPath format): {jsonPath}" : description,
                TableCells.WholeNumber(column["priority"]) ?? 0,
                jsonPath,
                StringOf(column, "format") ?? ""));
        }
        return columns;
    }

    /// <summary>The object's name, in the format kubectl prefixes with the kind when it lists several kinds.</summary>
    public static TableColumn Name(long priority = 0) =>
        ByPath("Name", TableFormats.StringType, NameDescription, priority, ".metadata.name", TableFormats.NameFormat);

    /// <summary>A column read by JSONPath. A path that does not parse (the real server refuses such a CRD) gives empty cells, not a failed list.</summary>
    public static TableColumn ByPath(string name, string type, string description, long priority, string jsonPath, string format = "")
    {
        var path = JsonPath.TryParse(jsonPath, out var parsed) ? parsed : null;
        return new(name, type, format, description, priority, (obj, now) => path is null ? null : TableCells.Cell(type, path.Evaluate(obj), now));
    }

    /// <summary>A column whose value is computed from the object (a built-in's "kind/name", a first present timestamp).</summary>
    public static TableColumn ByValue(string name, string type, string description, long priority, Func<JsonObject, JsonNode?> value) =>
        new(name, type, "", description, priority, (obj, now) => value(obj) is { } found ? TableCells.Cell(type, [found], now) : null);

    public JsonObject Definition() => new()
    {
        ["name"] = _name,
        ["type"] = _type,
        ["format"] = _format,
        ["description"] = _description,
        ["priority"] = _priority,
    };

    public JsonNode? Cell(JsonObject obj, DateTimeOffset now) => _cell(obj, now);

    private static string? StringOf(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
