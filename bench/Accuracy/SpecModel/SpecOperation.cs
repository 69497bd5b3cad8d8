using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>One operation of a source spec, everything the generator needs to produce its traffic.</summary>
/// <param name="OperationId">The spec's operationId, or <c>METHOD path</c> where it has none; unique in its spec.</param>
/// <param name="SpecPath">The key under <c>paths</c>, as written.</param>
/// <param name="FullPath">Base path + spec path: the ground-truth template.</param>
internal sealed record SpecOperation(
    string SpecName,
    string Host,
    string Method,
    string SpecPath,
    string FullPath,
    string OperationId,
    IReadOnlyList<SpecParameter> PathParameters,
    IReadOnlyList<SpecParameter> QueryParameters,
    IReadOnlyList<SpecParameter> HeaderParameters,
    string? RequestContentType,
    JsonObject? RequestSchema,
    IReadOnlyList<SpecResponse> Responses,
    OperationAuth Auth,
    IReadOnlyList<PlantedValue> Plants,
    ReferenceResolver References);
