namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>One entry of a <see cref="CaptureScope"/>.</summary>
/// <param name="Address">An IPv4 or IPv6 address ("192.0.2.7") or network in CIDR form ("192.0.2.0/24"; host bits are ignored, as by <see cref="System.Net.IPNetwork"/>).</param>
/// <param name="Ports">TCP ports (1–65535) an endpoint must use to match; empty = any port.</param>
public sealed record CaptureTargetSetting(string Address, IReadOnlyList<int> Ports);
