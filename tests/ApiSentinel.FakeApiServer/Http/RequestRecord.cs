namespace ApiSentinel.FakeApiServer.Http;

/// <summary>
/// One request as the server saw it, for assertions such as "no write reached the server" or "every write was an
/// apply with manager X". Never the body: request bodies may hold what the privacy rules keep out of logs.
/// </summary>
/// <param name="Verb">The kube verb (<see cref="KubeVerbs"/>); empty for discovery and OpenAPI.</param>
/// <param name="Plural">The resource addressed, or null.</param>
public sealed record RequestRecord(
    DateTimeOffset Time,
    string Method,
    string Verb,
    string Path,
    string Query,
    string? ContentType,
    string? FieldManager,
    string? Plural,
    string? Namespace,
    string? Subresource,
    int Status)
{
    /// <summary>True for the verbs that change state.</summary>
    public bool IsWrite => Verb is KubeVerbs.Create or KubeVerbs.Update or KubeVerbs.Patch or KubeVerbs.Delete or KubeVerbs.DeleteCollection;
}
