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

    private static readonly JsonPath NamePath = Parse(".metadata.name")!;
    private static readonly JsonPath CreationTimestampPath = Parse(".metadata.creationTimestamp")!;

    private readonly string _name;
    private readonly string _type;
    private readonly string _format;
    private readonly string _description;
    private readonly long _priority;
    private readonly JsonPath? _path;

    private TableColumn(string name, string type, string format, string description, long priority, JsonPath? path)
    {
        _name = name;
        _type = type;
        _format = format;
        _description = description;
        _priority = priority;
        _path = path;
    }

    public static IReadOnlyList<TableColumn> For(ResourceType type)
    {
        var columns = new List<TableColumn>
        {
            new("Name", TableFormats.StringType, TableFormats.NameFormat, NameDescription, 0, NamePath),
        };
        var declared = type.PrinterColumns?.OfType<JsonObject>().ToList() ?? [];
        if (declared.Count == 0)
        {
            columns.Add(new("Age", TableFormats.DateType, "", AgeDescription, 0, CreationTimestampPath));
            return columns;
        }
        foreach (var column in declared)
        {
            var jsonPath = StringOf(column, "jsonPath") ?? "";
            var description = StringOf(column, "description");
            columns.Add(new(
                StringOf(column, "name") ?? jsonPath,
                StringOf(column, "type") ?? TableFormats.StringType,
                StringOf(column, "format") ?? "",
                string.IsNullOrEmpty(description) ? $"Custom resource definition column (in JSONPath format): {jsonPath}" : description,
                TableCells.WholeNumber(column["priority"]) ?? 0,
                // A path that does not parse (the real server refuses such a CRD) gives empty cells, not a failed list.
                Parse(jsonPath)));
        }
        return columns;
    }

    public JsonObject Definition() => new()
    {
        ["name"] = _name,
        ["type"] = _type,
        ["format"] = _format,
        ["description"] = _description,
        ["priority"] = _priority,
    };

    public JsonNode? Cell(JsonObject obj, DateTimeOffset now) =>
        _path is null ? null : TableCells.Cell(_type, _path.Evaluate(obj), now);

    private static JsonPath? Parse(string text) => JsonPath.TryParse(text, out var path) ? path : null;

    private static string? StringOf(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
