using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>The Kubernetes vendor extensions kubectl looks for in the documents.</summary>
internal static class OpenApiExtensions
{
    /// <summary>
    /// Which kind a schema (a list of them) or an operation (one object) is about: explain finds a kind's schema by
    /// it, the apply check a kind's PATCH operation. The two shapes differ in the real documents and kubectl's
    /// templates depend on it.
    /// </summary>
    public const string GroupVersionKindKey = "x-kubernetes-group-version-kind";

    public const string FieldValidationParameter = "fieldValidation";

    public static JsonArray SchemaGroupVersionKinds(ResourceType type) => new(OperationGroupVersionKind(type));

    public static JsonObject OperationGroupVersionKind(ResourceType type) =>
        new() { ["group"] = type.Group, ["kind"] = type.Kind, ["version"] = type.Version };
}
