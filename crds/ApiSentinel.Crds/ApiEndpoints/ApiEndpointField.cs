using System.Text.Json.Serialization;

namespace ApiSentinel.Crds.ApiEndpoints;

/// <summary>A query parameter or body field: its name, the kinds of value it held and the calls it appeared in.</summary>
public sealed class ApiEndpointField
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary><c>integer</c>, <c>number</c>, <c>boolean</c>, <c>string</c>, <c>uuid</c>, <c>date</c>, <c>date-time</c>, <c>email</c>, <c>array</c>, <c>object</c>, <c>null</c>, <c>empty</c>.</summary>
    [JsonPropertyName("kinds")]
    public IList<string>? Kinds { get; set; }

    [JsonPropertyName("calls")]
    public long Calls { get; set; }
}
