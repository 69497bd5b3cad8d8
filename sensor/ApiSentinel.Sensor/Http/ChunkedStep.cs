namespace ApiSentinel.Sensor.Http;

/// <summary>What <see cref="ChunkedBodyDecoder.Next"/> found.</summary>
internal enum ChunkedStep : byte
{
    /// <summary>All input was consumed; the body goes on.</summary>
    NeedMoreData,
    /// <summary>A run of chunk data was returned.</summary>
    Data,
    /// <summary>The last chunk and the trailer section ended; the rest of the input belongs to the next message.</summary>
    Done,
    /// <summary>The framing is broken (bad size line, overflowing size, garbage after chunk data).</summary>
    Error,
}
