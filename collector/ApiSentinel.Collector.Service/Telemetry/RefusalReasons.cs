namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>Why an ingest stream was refused: the values of the <c>reason</c> attribute of <see cref="MetricNames.StreamsRefused"/>.</summary>
public static class RefusalReasons
{
    /// <summary>No bearer token, a wrong one, or no acceptable client certificate (gRPC <c>UNAUTHENTICATED</c>).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The stream broke the protocol: no <c>Hello</c> first, a malformed message, an unknown version.</summary>
    public const string Protocol = "protocol";

    /// <summary>A batch's sequence number went backwards past what was acknowledged, or skipped ahead.</summary>
    public const string OutOfOrder = "out-of-order";

    /// <summary>With mTLS, a Hello whose sensor_id is not the client certificate's CN or a DNS name of it (gRPC <c>PERMISSION_DENIED</c>).</summary>
    public const string Identity = "identity";

    /// <summary>A reason not listed here (a caller bug): kept apart so an attribute value can never be free text.</summary>
    public const string Other = "other";

    /// <summary><paramref name="reason"/> if it is one of these values, else <see cref="Other"/>.</summary>
    public static string Normalize(string? reason) => reason switch
    {
        Unauthenticated or Protocol or OutOfOrder or Identity => reason,
        _ => Other,
    };
}
