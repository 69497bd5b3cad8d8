using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;

namespace ApiSentinel.FakeApiServer.Storage;

/// <summary>The opaque <c>continue</c> of a paged list: the key the previous page ended at and the list's resourceVersion.</summary>
internal sealed record ContinueToken(string Namespace, string Name, long ResourceVersion)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["ns"] = Namespace,
        ["name"] = Name,
        ["rv"] = ResourceVersion,
    }.ToJsonString()));

    public static ContinueToken Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token))) as JsonObject;
            return new ContinueToken(JsonTree.String(json, "ns") ?? "", JsonTree.String(json, "name") ?? throw new FormatException(),
                json!["rv"]!.GetValue<long>());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw KubeStatus.BadRequest(string.Create(CultureInfo.InvariantCulture, $"continue key is not valid: {e.Message}"));
        }
    }

    /// <summary>True for keys after this one in list order.</summary>
    public bool Precedes(StoreKey key)
    {
        var byNamespace = string.CompareOrdinal(key.Namespace, Namespace);
        return byNamespace > 0 || (byNamespace == 0 && string.CompareOrdinal(key.Name, Name) > 0);
    }
}
