using System.Globalization;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Exposure to external clients: any external caller scores half (the endpoint is reachable from outside),
/// the rest grows with the external share of the calls whose client is known. Calls without a client address
/// (HAR input) are unknown, never exposure: counting them as external gave every endpoint of a browser recording
/// false evidence.
/// </summary>
internal static class ExposureFactor
{
    public const double Reachable = 0.5;

    public static FactorReading Read(RiskInputs inputs)
    {
        var known = inputs.ExternalClientCalls + inputs.InternalClientCalls;
        var unknown = inputs.UnknownClientCalls > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {inputs.UnknownClientCalls} calls without a client address (exposure unknown)")
            : "";
        if (inputs.ExternalClientCalls <= 0)
        {
            return new FactorReading(0, known == 0 && inputs.UnknownClientCalls > 0
                ? string.Create(CultureInfo.InvariantCulture, $"client addresses unknown for all {inputs.UnknownClientCalls} calls: exposure not observed")
                : string.Create(CultureInfo.InvariantCulture, $"no external clients ({known} internal calls)") + unknown);
        }

        var share = inputs.ExternalShare;
        var percent = Math.Round(share * 100, MidpointRounding.AwayFromZero);
        return new FactorReading(
            Reachable + ((1 - Reachable) * share),
            string.Create(CultureInfo.InvariantCulture, $"{inputs.ExternalClientCalls} of {known} calls from external clients ({percent}%)") + unknown,
            string.Create(CultureInfo.InvariantCulture, $"external clients ({percent}%)"));
    }
}
