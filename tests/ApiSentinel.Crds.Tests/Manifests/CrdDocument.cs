using System.Text.Json.Nodes;
using ApiSentinel.Crds;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.Crds.Tests.Manifests;

/// <summary>One embedded CRD manifest, parsed: the whole document, its single version and that version's schema.</summary>
internal sealed class CrdDocument
{
    private CrdDocument(JsonObject crd)
    {
        Crd = crd;
        Version = crd["spec"]!["versions"]!.AsArray().Single()!.AsObject();
        Schema = Version["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    public JsonObject Crd { get; }

    public JsonObject Version { get; }

    public JsonObject Schema { get; }

    public JsonObject Names => Crd["spec"]!["names"]!.AsObject();

    public IReadOnlyList<JsonObject> Columns => Version["additionalPrinterColumns"]!.AsArray().Select(c => c!.AsObject()).ToList();

    public static CrdDocument Load(string file)
    {
        var documents = YamlJson.ParseAll(CrdManifests.Text(file)).Where(d => d is not null).ToList();
        return new(Assert.Single(documents)!.AsObject());
    }

    /// <summary>The schema node at a dotted path below the root (<c>status.risk.level</c>); arrays step into their items.</summary>
    public JsonObject? At(string path)
    {
        var node = Schema;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            while (node["type"]?.GetValue<string>() == "array")
            {
                node = node["items"]!.AsObject();
            }
            if (node["properties"]?[part] is not JsonObject child)
            {
                return null;
            }
            node = child;
        }
        return node;
    }
}
