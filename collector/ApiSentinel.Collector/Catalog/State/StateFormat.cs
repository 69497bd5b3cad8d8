namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// The envelope of a catalog state file, all integers little-endian:
/// <code>
///   magic        8 bytes   0x89 'A' 'S' 'C' 'S' '\r' '\n' 0x1A   (binary, survives no text-mode mangling)
///   version      u16       <see cref="Version"/>; a reader refuses a newer one
///   options      8 bytes   <see cref="OptionsFingerprint"/> of the options the state was built under
///   length       i64       payload bytes
///   payload      length    the catalog, written by the types' <c>*.State.cs</c> partials (see <see cref="StateWriter"/>)
///   checksum     16 bytes  SHA-256 of everything above, truncated
/// </code>
/// The checksum makes truncation and corruption one clear error before any of the payload is interpreted; the
/// payload reader still bounds every count by the bytes left, so a crafted file with a valid checksum cannot make
/// it allocate more than the file holds.
/// </summary>
internal static class StateFormat
{
    /// <summary>
    /// 2: templater nodes carry their constant-number evidence (issue 7, second round). 3: endpoints carry their pending
    /// hourly usage, and the catalog its ingest positions per stream and usage returned by a failed checkpoint (issue 8).
    /// 4: the specs set at run time (ApiSpec resources), as their documents, in a section before the end (issue 9).
    /// </summary>
    public const ushort Version = 4;

    /// <summary>
    /// The oldest version this reader takes. Versions up to 3 changed the payload's layout, and no state had been kept
    /// in production yet, so files before 3 are refused with a clear error rather than read by guesswork. Version 4
    /// only adds a section, so a version 3 file reads as a state without run-time specs
    /// (<see cref="RuntimeSpecsSince"/>).
    /// </summary>
    public const ushort OldestReadable = 3;

    /// <summary>The first version whose payload holds the run-time specs section.</summary>
    public const ushort RuntimeSpecsSince = 4;

    public const int ChecksumLength = 16;

    /// <summary>Largest payload read (1 GiB): a catalog at every default bound writes well under 200 MB.</summary>
    public const long MaxPayloadBytes = 1L << 30;

    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'A', (byte)'S', (byte)'C', (byte)'S', (byte)'\r', (byte)'\n', 0x1A];

    /// <summary>Magic, version, fingerprint and length.</summary>
    public const int HeaderLength = 8 + 2 + 8 + 8;
}
