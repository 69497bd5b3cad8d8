namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// What the sensor learned about a request's credential, without the credential: its kind, where it was
/// (<c>header:authorization</c>, <c>query:api_key</c>, <c>cookie:sessionid</c>), the JWT algorithm when there is
/// one, and a keyed fingerprint so the collector can count distinct credentials without ever seeing them.
/// </summary>
public sealed record AuthObservation(AuthKind Kind, string? Location, string? JwtAlgorithm, string? Fingerprint)
{
    public static AuthObservation None { get; } = new(AuthKind.None, null, null, null);

    /// <summary>The lower-case kind name used in every output (<c>none</c>, <c>basic</c>, <c>jwt</c>, …).</summary>
    public string KindName => KindNames[(int)Kind];

    private static readonly string[] KindNames =
        ["none", "other", "basic", "digest", "session-cookie", "api-key", "negotiate", "bearer", "jwt"];
}
