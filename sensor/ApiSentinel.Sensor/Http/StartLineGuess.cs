namespace ApiSentinel.Sensor.Http;

/// <summary>What the first bytes of a line say about it being an HTTP start line.</summary>
internal enum StartLineGuess : byte
{
    /// <summary>The bytes so far are a prefix of a start line; more are needed to tell.</summary>
    NeedMore,
    Plausible,
    Garbage,
}
