namespace ApiSentinel.Collector.Risk;

/// <summary>
/// Unencrypted transport. Clear text that external clients use crosses networks nobody controls; clear text
/// between internal clients stays on the cluster network, so it scores half.
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

        return inputs.ExternalClientCalls > 0
            ? new FactorReading(1.0, $"clear-text HTTP, {inputs.ExternalClientCalls.ToString(System.Globalization.CultureInfo.InvariantCulture)} calls from external clients")
            : new FactorReading(InternalOnly, "clear-text HTTP between internal clients only");
    }
}
