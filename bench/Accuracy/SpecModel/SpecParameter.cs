using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>A path, query or header parameter with its (reference-resolved) schema.</summary>
internal sealed record SpecParameter(string Name, bool Required, JsonObject Schema);
