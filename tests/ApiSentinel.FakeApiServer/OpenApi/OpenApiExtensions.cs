using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>The Kubernetes vendor extensions kubectl looks for in the documents.</summary>
internal static class OpenApiExtensions
{
    /// <summary>On a schema or an operation: which kinds it is (how explain and the apply checks find a kind).</summary>
    public const string GroupVersionKindKey = "x-kubernetes-group-version-kind";

    public const string FieldValidationParameter = "fieldValidation";

    public static JsonArray GroupVersionKind(ResourceType type) =>
        new(new JsonObject { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version });
}
