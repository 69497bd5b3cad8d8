using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>One declared response: status and JSON body schema (null when the response has no body).</summary>
internal sealed record SpecResponse(int Status, JsonObject? Schema);
