using System.Globalization;

namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Unencrypted transport. Clear text that external clients use crosses networks nobody controls; clear text
/// between internal clients stays on the cluster network, so it scores half — as does clear text whose clients
/// are unknown (HAR input), which is not claimed to be external.
/// </summary>
internal static class TransportFactor
{
    public const double InternalOnly = 0.5;

    public static FactorReading Read(RiskInputs inputs)
    {
        if (!inputs.Plaintext || inputs.Requests <= 0)
        {
            return new FactorReading(0, "no clear-text calls observed");
        }

        if (inputs.ExternalClientCalls > 0)
        {
            return new FactorReading(1.0, string.Create(CultureInfo.InvariantCulture,
                $"clear-text HTTP, {inputs.ExternalClientCalls} calls from external clients"), "clear text to external clients");
        }

        return inputs.InternalClientCalls == 0 && inputs.UnknownClientCalls > 0
            ? new FactorReading(InternalOnly, "clear-text HTTP, clients unknown", "clear text")
            : new FactorReading(InternalOnly, "clear-text HTTP between internal clients only", "clear text");
    }
}
