namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// The connections a sensor captures: those with an endpoint matching one of <see cref="Targets"/>. Empty = all.
/// </summary>
/// <remarks>
/// Either endpoint may match. A target names a server (a pod's address and its serving ports), and on a connection
/// picked up mid-stream which side is the server is only a guess; matching both sides keeps the rule simple and
/// never loses a selected server's traffic. The price: a selected address's outgoing connections to a listed port
/// elsewhere are captured too.
/// </remarks>
public sealed record CaptureScope(IReadOnlyList<CaptureTargetSetting> Targets)
{
    public bool IsEmpty => Targets is null || Targets.Count == 0;
}
