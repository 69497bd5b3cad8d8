using ApiSentinel.Collector.Findings;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// What the catalog knows about one endpoint, reduced to what the risk model needs. The catalog maps its
/// aggregate onto this, which keeps the model testable without a catalog.
/// </summary>
/// <param name="Requests">Calls observed.</param>
/// <param name="AuthKinds">Auth kind (<see cref="Contract.AuthKinds"/>) to calls; <c>none</c> = unauthenticated.</param>
/// <param name="JwtAlgorithms">JWT <c>alg</c> values seen in tokens.</param>
/// <param name="CredentialsInQuery">Where a credential was carried in the query string (<c>query:api_key</c>); empty when never.</param>
/// <param name="DistinctCredentials">Distinct credential fingerprints.</param>
/// <param name="SensitiveData">Sensitive data by type and location, with its volume.</param>
/// <param name="Plaintext">Some calls were seen in clear text (<see cref="Contract.Transport.Plaintext"/>).</param>
/// <param name="ExternalClientCalls">Calls from clients outside the cluster / private ranges.</param>
/// <param name="InternalClientCalls">Calls from internal clients.</param>
/// <param name="SpecState">One of <see cref="Specs.SpecStates"/>.</param>
/// <param name="ViolationCount">Spec violations observed (non-conformant endpoints).</param>
/// <param name="Findings">Behavioural findings that name this endpoint.</param>
public sealed record RiskInputs(
    long Requests,
    IReadOnlyDictionary<string, long> AuthKinds,
    IReadOnlyCollection<string> JwtAlgorithms,
    IReadOnlyList<string> CredentialsInQuery,
    long DistinctCredentials,
    IReadOnlyList<SensitiveExposure> SensitiveData,
    bool Plaintext,
    long ExternalClientCalls,
    long InternalClientCalls,
    string SpecState,
    int ViolationCount,
    IReadOnlyList<Finding> Findings)
{
    /// <summary>The distinct-credential count reached the catalog's tracking cap: there were at least that many.</summary>
    public bool DistinctCredentialsCapped { get; init; }

    /// <summary>Calls that sent Basic credentials (the password itself) in clear text.</summary>
    public long BasicOverPlaintextCalls { get; init; }

    /// <summary>Calls seen inside TLS.</summary>
    public long TlsCalls { get; init; }

    /// <summary>Calls whose transport the source could not tell: not claimed to be clear text.</summary>
    public long UnknownTransportCalls { get; init; }

    /// <summary>Distinct credentials from which <see cref="AccessIssueKinds.TokenProliferation"/> is found.</summary>
    public int TokenProliferationThreshold { get; init; } = AccessAnalysis.DefaultTokenProliferationThreshold;

    /// <summary>Calls whose client address is unknown (HAR input): never counted as exposure.</summary>
    public long UnknownClientCalls { get; init; }

    /// <summary>The endpoint's HTTP method; null when unknown (an overflow bucket), which is not taken as state-changing.</summary>
    public string? Method { get; init; }

    /// <summary>A static asset (page, script, style sheet, image, font): public by design, described by no API spec.</summary>
    public bool StaticAsset { get; init; }

    /// <summary>Share of the calls with a known client that came from external clients (0 when none is known).</summary>
    public double ExternalShare =>
        ExternalClientCalls + InternalClientCalls == 0 ? 0 : (double)ExternalClientCalls / (ExternalClientCalls + InternalClientCalls);

    /// <summary>DELETE, PUT, PATCH and POST change server state; the other methods read.</summary>
    public bool StateChanging => Method is "DELETE" or "PUT" or "PATCH" or "POST";
}
