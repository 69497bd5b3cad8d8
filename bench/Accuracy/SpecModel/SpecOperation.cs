using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>One operation of a source spec, everything the generator needs to produce its traffic.</summary>
internal sealed record SpecOperation(
    string SpecName,
    string Host,
    string Method,
    string SpecPath,
    string FullPath,
    string OperationId,
    IReadOnlyList<SpecParameter> PathParameters,
    IReadOnlyList<SpecParameter> QueryParameters,
    JsonObject? RequestSchema,
    IReadOnlyList<SpecResponse> Responses,
    OperationAuth Auth,
    IReadOnlyList<PlantedValue> Plants,
    ReferenceResolver References);
