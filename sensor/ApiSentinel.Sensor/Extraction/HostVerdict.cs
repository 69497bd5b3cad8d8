namespace ApiSentinel.Sensor.Extraction;

/// <summary>What became of an exchange's host, ordered so the worse of two readings (Host header, target authority) wins.</summary>
internal enum HostVerdict
{
    /// <summary>Echoed, or absent.</summary>
    Echoed,

    /// <summary>Held data: reported as redacted, counted once per exchange.</summary>
    Redacted,

    /// <summary>Not a host name or address: reported as invalid, counted once per exchange.</summary>
    Invalid,
}
