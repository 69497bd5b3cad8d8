using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Sensor.Tests.Infrastructure;

/// <summary>A copy of a <see cref="CapturedFrame"/> that outlives the sink call.</summary>
public sealed record RecordedFrame(byte[] Data, int OriginalLength, long TimestampMicros, LinkType LinkType);
