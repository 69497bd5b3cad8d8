using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// What the sensor learned about a request's credential, without the credential: its kind, where it was
/// (<c>header:authorization</c>, <c>query:api_key</c>, <c>cookie:sessionid</c>), the JWT algorithm when there is
/// one, and a keyed fingerprint so the collector can count distinct credentials without ever seeing them.
/// </summary>
public sealed record AuthObservation(AuthKind Kind, string? Location, string? JwtAlgorithm, string? Fingerprint)
{
    public static AuthObservation None { get; } = new(AuthKind.None, null, null, null);

    /// <summary>The kind's name in every output and in <see cref="ApiCall.Auth"/> (<see cref="AuthKinds"/>).</summary>
    public string KindName => KindNames[(int)Kind];

    private static readonly string[] KindNames =
        [AuthKinds.None, AuthKinds.Other, AuthKinds.Basic, AuthKinds.Digest, AuthKinds.SessionCookie, AuthKinds.ApiKey, AuthKinds.Negotiate, AuthKinds.Bearer, AuthKinds.Jwt];
}
