using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Unencrypted transport, weighed by what it carries. Clear text that external clients use crosses networks
/// nobody controls; clear text between internal clients stays on the cluster network, so it scores half — as does
/// clear text whose clients are unknown (HAR input), which is not claimed to be external. That reach is then
/// scaled by the worst thing sent in the clear: credentials or top-severity data (a card number, a secret) in
/// full, lesser data by its severity, and nothing sensitive at a quarter (metadata and tampering only). Without
/// the scaling an empty open <c>/health</c> scored as much clear-text risk as a payment endpoint receiving cards.
/// Only what was seen in clear text counts: calls inside TLS score nothing, and calls whose transport the source
/// could not tell are not claimed to be clear text (the catalog once assumed every call was, so a HAR of https
/// traffic scored as cleartext).
/// </summary>
internal static class TransportFactor
{
    public const double InternalOnly = 0.5;

    /// <summary>What clear text weighs when it carries no credential and no sensitive data.</summary>
    public const double NothingSensitive = 0.25;

    public static FactorReading Read(RiskInputs inputs)
    {
        if (!inputs.Plaintext || inputs.Requests <= 0)
        {
            return new FactorReading(0, (inputs.TlsCalls, inputs.UnknownTransportCalls) switch
            {
                (> 0, 0) => Invariant($"no clear-text calls observed: all {inputs.TlsCalls} in TLS"),
                (0, > 0) => Invariant($"transport unknown for all {inputs.UnknownTransportCalls} calls: clear text not observed"),
                (> 0, > 0) => Invariant($"no clear-text calls observed ({inputs.TlsCalls} in TLS, {inputs.UnknownTransportCalls} of unknown transport)"),
                _ => "no clear-text calls observed",
            });
        }

        var (carried, what) = Carried(inputs);
        var evidenceTail = what is null ? "; carries no credential or sensitive data" : $"; carries {what}";
        if (inputs.TlsCalls + inputs.UnknownTransportCalls > 0)
        {
            // Not scaled by the share: one call in the clear is enough to give a listener what it carried.
            var clear = inputs.Requests - inputs.TlsCalls - inputs.UnknownTransportCalls;
            evidenceTail = Invariant($"; {clear} of {inputs.Requests} calls in clear text") + evidenceTail;
        }
        var summary = what is null ? "clear text" : $"{what} in clear text";
        if (inputs.ExternalClientCalls > 0)
        {
            return new FactorReading(carried, string.Create(CultureInfo.InvariantCulture,
                $"clear-text HTTP, {inputs.ExternalClientCalls} calls from external clients{evidenceTail}"),
                what is null ? "clear text to external clients" : summary);
        }

        return inputs.InternalClientCalls == 0 && inputs.UnknownClientCalls > 0
            ? new FactorReading(InternalOnly * carried, "clear-text HTTP, clients unknown" + evidenceTail, summary)
            : new FactorReading(InternalOnly * carried, "clear-text HTTP between internal clients only" + evidenceTail, summary);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The worst thing sent in the clear (0.25..1) and its name; null when nothing sensitive was.</summary>
    private static (double Weight, string? What) Carried(RiskInputs inputs)
    {
        string? worstType = null;
        var worst = 0.0;
        foreach (var item in inputs.SensitiveData)
        {
            var severity = SensitiveDataFactor.TypeSeverity(item.Type);
            if (severity > worst || (severity == worst && string.CompareOrdinal(item.Type, worstType) < 0))
            {
                (worst, worstType) = (severity, item.Type);
            }
        }
        if (worstType is not null && SensitiveDataFactor.IsTopSeverity(worstType))
        {
            return (1.0, worstType);
        }
        if (CarriesCredentials(inputs))
        {
            return (1.0, "credentials");
        }
        return worstType is null ? (NothingSensitive, null) : (Math.Max(NothingSensitive, worst), worstType);
    }

    /// <summary>Any call authenticated by something a listener can replay (everything but mTLS, whose key never travels).</summary>
    private static bool CarriesCredentials(RiskInputs inputs)
    {
        foreach (var (kind, calls) in inputs.AuthKinds)
        {
            if (calls > 0 && kind is not AuthKinds.None and not AuthKinds.Mtls)
            {
                return true;
            }
        }
        return false;
    }
}
