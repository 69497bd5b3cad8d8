using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Resources;

/// <summary>
/// One kind the server serves (a built-in such as <c>v1/services</c>, or a CRD's version once registered): what
/// discovery lists, what routes resolve to, what the OpenAPI documents and tables are made from, and the schema
/// every write is validated against.
/// </summary>
/// <param name="Group">The API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Schema">The version's <c>openAPIV3Schema</c>; null for built-ins, which are stored unvalidated.</param>
/// <param name="PrinterColumns">The version's <c>additionalPrinterColumns</c>; null for the default (name, age).</param>
/// <param name="HasStatus">True when the status subresource is enabled: the main resource then ignores status changes.</param>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string ListKind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    JsonObject? Schema,
    JsonArray? PrinterColumns,
    bool HasStatus)
{
    /// <summary><c>apps/v1</c>, or <c>v1</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The URL prefix of the group version: <c>/api/v1</c> or <c>/apis/GROUP/VERSION</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
}
