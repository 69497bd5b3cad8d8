using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ApiSentinel.Collector.Catalog.State;

/// <summary>Writes and opens the envelope described by <see cref="StateFormat"/>.</summary>
internal static class StateFile
{
    public static void Write(Stream output, ulong optionsFingerprint, Action<StateWriter> writePayload)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var payload = new MemoryStream();
        writePayload(new StateWriter(payload));

        var header = new byte[StateFormat.HeaderLength];
        StateFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), StateFormat.Version);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(10), optionsFingerprint);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(18), payload.Length);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(payload.GetBuffer(), 0, (int)payload.Length);
        output.Write(header);
        output.Write(payload.GetBuffer(), 0, (int)payload.Length);
        output.Write(hash.GetHashAndReset().AsSpan(0, StateFormat.ChecksumLength));
    }

    /// <summary>
    /// Reads and verifies the envelope; returns a reader over the payload. Memory taken is what the stream actually
    /// holds (read in chunks), never what a hostile length field claims.
    /// </summary>
    public static StateReader Open(Stream input, ulong optionsFingerprint)
    {
        ArgumentNullException.ThrowIfNull(input);
        var header = new byte[StateFormat.HeaderLength];
        var got = ReadUpTo(input, header);
        if (got < StateFormat.Magic.Length || !header.AsSpan(0, StateFormat.Magic.Length).SequenceEqual(StateFormat.Magic))
        {
            throw new CatalogStateException("not a catalog state file");
        }
        if (got < StateFormat.HeaderLength)
        {
            throw new CatalogStateException("catalog state is truncated (header)");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        if (version > StateFormat.Version)
        {
            throw new CatalogStateException($"catalog state format {version} is newer than this version reads ({StateFormat.Version}); upgrade to import it");
        }
        if (version < StateFormat.OldestReadable)
        {
            throw new CatalogStateException($"catalog state format {version} is older than this version reads ({StateFormat.OldestReadable}–{StateFormat.Version}); rebuild the state by ingesting again");
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(18));
        if (length is < 0 or > StateFormat.MaxPayloadBytes)
        {
            throw new CatalogStateException("catalog state is corrupt: invalid payload length");
        }

        var payload = ReadPayload(input, length);
        var checksum = new byte[StateFormat.ChecksumLength];
        if (ReadUpTo(input, checksum) < checksum.Length)
        {
            throw new CatalogStateException("catalog state is truncated (checksum)");
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(payload);
        if (!hash.GetHashAndReset().AsSpan(0, StateFormat.ChecksumLength).SequenceEqual(checksum))
        {
            throw new CatalogStateException("catalog state is corrupt: checksum mismatch");
        }
        var fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(10));
        if (fingerprint != optionsFingerprint)
        {
            throw new CatalogStateException(
                $"catalog state was written under other catalog options (fingerprint {fingerprint:x16}, these options {optionsFingerprint:x16}); import it with the options it was written with");
        }
        return new StateReader(payload, version);
    }

    private static byte[] ReadPayload(Stream input, long length)
    {
        // Grows with what arrives, so a header claiming a gigabyte in a 100-byte file costs 100 bytes.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var left = length;
        while (left > 0)
        {
            var read = input.Read(chunk, 0, (int)Math.Min(chunk.Length, left));
            if (read == 0)
            {
                throw new CatalogStateException("catalog state is truncated (payload)");
            }
            buffer.Write(chunk, 0, read);
            left -= read;
        }
        return buffer.ToArray();
    }

    private static int ReadUpTo(Stream input, byte[] into)
    {
        var total = 0;
        while (total < into.Length)
        {
            var read = input.Read(into, total, into.Length - total);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
