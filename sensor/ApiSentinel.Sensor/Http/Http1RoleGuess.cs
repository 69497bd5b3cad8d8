namespace ApiSentinel.Sensor.Http;

/// <summary>What the first bytes of a connection say about which side is the HTTP client.</summary>
internal enum Http1RoleGuess : byte
{
    Undecided,
    /// <summary>The reassembler's client sends requests (or nothing says otherwise).</summary>
    AsReassembled,
    /// <summary>The reassembler's server sends requests: the roles are swapped.</summary>
    Swapped,
}
