using System.Text.Json.Serialization;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>Ground truth of one operation: where it lives, whether it is left out of the published spec, what
/// sensitive types its traffic carried, and how often it was called. <paramref name="AssetLike"/>: a GET answered with a page, image or script
/// (<see cref="SpecModel.MediaTypes.IsAsset"/>), expected as an endpoint only where a spec declares it.
/// <paramref name="DecidablePath"/>: <paramref name="Path"/> with every parameter whose calls all carried one value
/// replaced by that value (<see cref="PathValues"/>); null means the same as <paramref name="Path"/>.
/// <paramref name="CallPaths"/>: the path (no query) of each generated call, as sent; the shadow scoring follows
/// them to the endpoints they landed on (null: unknown, endpoints are then associated by template alone).</summary>
internal sealed record TruthOperation(
    string Spec,
    string OperationId,
    string Host,
    string Method,
    string Path,
    bool Shadow,
    int Calls,
    IReadOnlySet<string> SensitiveTypes,
    bool OwnSpec,
    bool AssetLike,
    string? DecidablePath = null,
    [property: JsonIgnore] IReadOnlyList<string>? CallPaths = null)
{
    /// <summary>The template traffic alone can recover at best (<see cref="DecidablePath"/>, else <see cref="Path"/>).</summary>
    [JsonIgnore]
    public string TrafficDecidablePath => DecidablePath ?? Path;

    /// <summary>Whether some parameter of the template was single-valued in the traffic.</summary>
    [JsonIgnore]
    public bool HasSingleValuedParameter => !string.Equals(TrafficDecidablePath, Path, StringComparison.Ordinal);
}
