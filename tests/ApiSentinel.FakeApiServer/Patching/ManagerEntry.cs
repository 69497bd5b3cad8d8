using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>One entry of <c>metadata.managedFields</c>: the fields one manager owns through one operation and subresource.</summary>
internal sealed class ManagerEntry
{
    public required string Manager { get; init; }
    public required string Operation { get; init; }
    public string? Subresource { get; init; }
    public required string ApiVersion { get; set; }
    public required string Time { get; set; }
    public required HashSet<string> Fields { get; set; }

    public bool Is(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    public static List<ManagerEntry> Read(JsonObject obj)
    {
        var entries = new List<ManagerEntry>();
        foreach (var node in obj["metadata"]?["managedFields"] as JsonArray ?? [])
        {
            if (node is JsonObject entry && JsonTree.String(entry, "manager") is { } manager)
            {
                entries.Add(new ManagerEntry
                {
                    Manager = manager,
                    Operation = JsonTree.String(entry, "operation") ?? ManagedFieldsOperations.Update,
                    Subresource = JsonTree.String(entry, "subresource"),
                    ApiVersion = JsonTree.String(entry, "apiVersion") ?? "",
                    Time = JsonTree.String(entry, "time") ?? "",
                    Fields = FieldPaths.FromFieldsV1(entry["fieldsV1"] as JsonObject),
                });
            }
        }
        return entries;
    }

    /// <summary>Writes the entries that still own something (kube drops empty ones).</summary>
    public static void Write(JsonObject obj, IEnumerable<ManagerEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            var node = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldPaths.ToFieldsV1(entry.Fields),
            };
            if (entry.Subresource is not null)
            {
                node["subresource"] = entry.Subresource;
            }
            array.Add(node);
        }
        var metadata = JsonTree.Metadata(obj);
        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }
}
