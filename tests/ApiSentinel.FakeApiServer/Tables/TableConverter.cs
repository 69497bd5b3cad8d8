using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>
/// Server-side printing: what <c>kubectl get</c> asks for (<c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>)
/// and prints as is. Columns are the CRD's <c>additionalPrinterColumns</c> after a leading Name, as the real server
/// makes them; a kind without printer columns (a built-in, or a CRD that declares none) gets Name and Age. kubectl
/// itself hides priority &gt; 0 columns unless <c>-o wide</c>, adds NAMESPACE from each row's object with
/// <c>-A</c>, and sorts by the full objects it asks for with <c>--sort-by</c> (<c>includeObject=Object</c>).
/// </summary>
public static class TableConverter
{
    private const string TableGroup = "meta.k8s.io";
    private static readonly string[] TableVersions = ["v1", "v1beta1"];

    /// <summary>True when any media type the client accepts is a meta.k8s.io Table (v1 or v1beta1).</summary>
    public static bool Wants(string? acceptHeader)
    {
        if (string.IsNullOrEmpty(acceptHeader))
        {
            return false;
        }
        foreach (var mediaType in acceptHeader.Split(','))
        {
            string? asKind = null, group = null, version = null;
            foreach (var parameter in mediaType.Split(';').Skip(1))
            {
                var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
                if (pair.Length != 2)
                {
                    continue;
                }
                switch (pair[0].ToLowerInvariant())
                {
                    case "as": asKind = pair[1]; break;
                    case "g": group = pair[1]; break;
                    case "v": version = pair[1]; break;
                }
            }
            if (asKind == "Table" && group == TableGroup && TableVersions.Contains(version))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A <c>meta.k8s.io/v1</c> Table of <paramref name="objects"/> (one for a get, all of a page for a list).</summary>
    /// <param name="includeObject">None, Metadata (the default when null or empty) or Object.</param>
    /// <param name="time">The clock ages are measured by; the system clock when null.</param>
    /// <exception cref="ArgumentException">An unknown <paramref name="includeObject"/>: check <see cref="TableFormats.IsKnownIncludeObject"/> first and answer 400.</exception>
    public static JsonObject ToTable(ResourceType type, IReadOnlyList<JsonObject> objects, string? includeObject, string resourceVersion, string? continueToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(objects);
        if (!TableFormats.IsKnownIncludeObject(includeObject))
        {
            throw new ArgumentException($"includeObject={includeObject} is not a valid option: use None, Metadata or Object", nameof(includeObject));
        }
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var columns = TableColumn.For(type);
        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            definitions.Add(column.Definition());
        }
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray();
            foreach (var column in columns)
            {
                cells.Add(column.Cell(obj, now));
            }
            var row = new JsonObject { ["cells"] = cells };
            if (RowObject(obj, includeObject) is { } embedded)
            {
                row["object"] = embedded;
            }
            rows.Add(row);
        }
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = $"{TableGroup}/{TableVersions[0]}",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    private static JsonObject? RowObject(JsonObject obj, string? includeObject) => includeObject switch
    {
        TableFormats.IncludeNone => null,
        TableFormats.IncludeObject => obj.DeepClone().AsObject(),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = $"{TableGroup}/{TableVersions[0]}",
            ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
        },
    };
}
