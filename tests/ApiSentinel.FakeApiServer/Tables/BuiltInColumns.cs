using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>
/// Columns for the built-ins whose table a person reads here: events (core <c>v1</c> and <c>events.k8s.io/v1</c>),
/// laid out as the real server prints them (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; the rest with
/// <c>-o wide</c>), so <c>kubectl get events</c> shows what the collector reported. Other built-ins get Name and Age.
/// </summary>
internal static class BuiltInColumns
{
    private const string EventKind = "Event";
    private const string EventsGroup = "events.k8s.io";

    public static IReadOnlyList<TableColumn>? For(ResourceType type) => (type.Group, type.Kind) switch
    {
        ("", EventKind) => CoreEvents,
        (EventsGroup, EventKind) => GroupedEvents,
        _ => null,
    };

    private static readonly IReadOnlyList<TableColumn> CoreEvents =
    [
        TableColumn.ByValue("Last Seen", TableFormats.DateType, "Time since the event was last seen.", 0,
            e => First(e, ["lastTimestamp"], ["eventTime"], ["firstTimestamp"], ["metadata", "creationTimestamp"])),
        TableColumn.ByPath("Type", TableFormats.StringType, "The type of the event (Normal or Warning).", 0, ".type"),
        TableColumn.ByPath("Reason", TableFormats.StringType, "Why the event was emitted, in one word.", 0, ".reason"),
        TableColumn.ByValue("Object", TableFormats.StringType, "The object the event is about.", 0, e => KindSlashName(e["involvedObject"])),
        TableColumn.ByPath("Subobject", TableFormats.StringType, "The part of the object the event is about.", 1, ".involvedObject.fieldPath"),
        TableColumn.ByValue("Source", TableFormats.StringType, "The component that reported the event.", 1,
            e => First(e, ["source", "component"], ["reportingComponent"])),
        TableColumn.ByPath("Message", TableFormats.StringType, "A human-readable description of the event.", 0, ".message"),
        TableColumn.ByValue("First Seen", TableFormats.DateType, "Time since the event was first seen.", 1,
            e => First(e, ["firstTimestamp"], ["eventTime"], ["metadata", "creationTimestamp"])),
        TableColumn.ByPath("Count", TableFormats.IntegerType, "How many times the event occurred.", 1, ".count"),
        TableColumn.Name(priority: 1),
    ];

    private static readonly IReadOnlyList<TableColumn> GroupedEvents =
    [
        TableColumn.ByValue("Last Seen", TableFormats.DateType, "Time since the event was last seen.", 0,
            e => First(e, ["series", "lastObservedTime"], ["deprecatedLastTimestamp"], ["eventTime"], ["metadata", "creationTimestamp"])),
        TableColumn.ByPath("Type", TableFormats.StringType, "The type of the event (Normal or Warning).", 0, ".type"),
        TableColumn.ByPath("Reason", TableFormats.StringType, "Why the action was taken, in one word.", 0, ".reason"),
        TableColumn.ByValue("Object", TableFormats.StringType, "The object the event is about.", 0, e => KindSlashName(e["regarding"])),
        TableColumn.ByPath("Source", TableFormats.StringType, "The controller that emitted the event.", 1, ".reportingController"),
        TableColumn.ByPath("Message", TableFormats.StringType, "A human-readable description of the event.", 0, ".note"),
        TableColumn.Name(priority: 1),
    ];

    /// <summary>"apiendpoint/shop-get-users" as the real event table writes it.</summary>
    private static JsonValue? KindSlashName(JsonNode? reference)
    {
        var kind = Text(reference?["kind"]);
        var name = Text(reference?["name"]);
        return kind is null && name is null ? null : JsonValue.Create($"{kind?.ToLowerInvariant()}/{name}");
    }

    private static JsonNode? First(JsonObject obj, params string[][] paths)
    {
        foreach (var path in paths)
        {
            JsonNode? node = obj;
            foreach (var key in path)
            {
                node = node is JsonObject parent ? parent[key] : null;
            }
            if (Text(node) is { Length: > 0 })
            {
                return node;
            }
        }
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
