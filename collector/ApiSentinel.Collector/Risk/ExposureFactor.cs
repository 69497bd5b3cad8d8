using System.Globalization;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Exposure to external clients: any external caller scores half (the endpoint is reachable from outside),
/// the rest grows with the external share of calls.
/// </summary>
internal static class ExposureFactor
{
    public const double Reachable = 0.5;

    public static FactorReading Read(RiskInputs inputs)
    {
        var total = inputs.ExternalClientCalls + inputs.InternalClientCalls;
        if (inputs.ExternalClientCalls <= 0)
        {
            return new FactorReading(0, string.Create(CultureInfo.InvariantCulture, $"no external clients ({total} internal calls)"));
        }

        var share = (double)inputs.ExternalClientCalls / total;
        return new FactorReading(
            Reachable + ((1 - Reachable) * share),
            string.Create(CultureInfo.InvariantCulture, $"{inputs.ExternalClientCalls} of {total} calls from external clients ({Math.Round(share * 100, MidpointRounding.AwayFromZero)}%)"));
    }
}
