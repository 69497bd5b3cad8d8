using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// One declared response: status (<c>2XX</c> and <c>default</c> already made concrete), the media type to send
/// (null: no body) and its schema (null: a body the schema does not describe).
/// </summary>
internal sealed record SpecResponse(int Status, string? ContentType, JsonObject? Schema);
