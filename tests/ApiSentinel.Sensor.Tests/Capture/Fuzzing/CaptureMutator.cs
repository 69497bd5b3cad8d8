using System.Buffers.Binary;

namespace ApiSentinel.Sensor.Tests.Capture.Fuzzing;

/// <summary>
/// Seeded, coverage-agnostic mutations of capture files, aimed at what the readers trust: bit flips and byte
/// overwrites, interesting 32-bit values (0, -1, 2^31, just past the buffer) at aligned offsets (record and
/// block lengths, TCP sequence numbers, IP lengths), truncation, splices of another trace's bytes, duplicated
/// and dropped ranges (retransmission- and loss-like), and lies in pcap record / pcapng block length fields.
/// </summary>
internal sealed class CaptureMutator(Random random)
{
    private static readonly uint[] Interesting =
        [0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, 262_145, 16 * 1024 * 1024];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> others)
    {
        var bytes = input;
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            bytes = random.Next(9) switch
            {
                0 => FlipBits(bytes),
                1 => OverwriteBytes(bytes),
                2 => InterestingValue(bytes),
                3 => Truncate(bytes),
                4 => Splice(bytes, others[random.Next(others.Count)]),
                5 => DuplicateRange(bytes),
                6 => DropRange(bytes),
                7 => LieAboutRecordLength(bytes),
                _ => LieAboutBlockLength(bytes),
            };
        }
        return bytes;
    }

    private int Position(byte[] bytes) =>
        // Mostly past the file header: damage to records is what the stages must survive.
        bytes.Length <= 32 ? random.Next(Math.Max(bytes.Length, 1)) : random.Next(random.Next(8) == 0 ? 0 : 24, bytes.Length);

    private byte[] FlipBits(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = random.Next(1, 16); i > 0 && copy.Length > 0; i--)
        {
            copy[Position(copy)] ^= (byte)(1 << random.Next(8));
        }
        return copy;
    }

    private byte[] OverwriteBytes(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = random.Next(1, 32); i > 0 && copy.Length > 0; i--)
        {
            copy[Position(copy)] = (byte)random.Next(256);
        }
        return copy;
    }

    private byte[] InterestingValue(byte[] bytes)
    {
        if (bytes.Length < 8)
        {
            return bytes;
        }
        var copy = (byte[])bytes.Clone();
        var at = Position(copy) & ~3;
        at = Math.Min(at, copy.Length - 4);
        var value = Interesting[random.Next(Interesting.Length)];
        if (random.Next(2) == 0)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at), value);
        }
        return copy;
    }

    private byte[] Truncate(byte[] bytes) => bytes.Length <= 1 ? bytes : bytes[..random.Next(1, bytes.Length)];

    private byte[] Splice(byte[] bytes, byte[] other)
    {
        if (other.Length <= 24 || bytes.Length <= 24)
        {
            return bytes;
        }
        var from = random.Next(24, other.Length);
        var length = Math.Min(random.Next(1, 4096), other.Length - from);
        var at = random.Next(24, bytes.Length);
        return [.. bytes.AsSpan(0, at), .. other.AsSpan(from, length), .. bytes.AsSpan(at)];
    }

    private byte[] DuplicateRange(byte[] bytes)
    {
        if (bytes.Length <= 25)
        {
            return bytes;
        }
        var from = random.Next(24, bytes.Length);
        var length = Math.Min(random.Next(1, 8192), bytes.Length - from);
        return [.. bytes.AsSpan(0, from + length), .. bytes.AsSpan(from, length), .. bytes.AsSpan(from + length)];
    }

    private byte[] DropRange(byte[] bytes)
    {
        if (bytes.Length <= 25)
        {
            return bytes;
        }
        var from = random.Next(24, bytes.Length);
        var length = Math.Min(random.Next(1, 4096), bytes.Length - from);
        return [.. bytes.AsSpan(0, from), .. bytes.AsSpan(from + length)];
    }

    /// <summary>A pcap record header (found by walking the records) gets a captured or original length that lies.</summary>
    private byte[] LieAboutRecordLength(byte[] bytes)
    {
        if (bytes.Length < 40 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0xA1B2C3D4)
        {
            return InterestingValue(bytes);
        }
        var records = new List<int>();
        var at = 24;
        while (at + 16 <= bytes.Length)
        {
            records.Add(at);
            var captured = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8));
            if (captured > bytes.Length)
            {
                break;
            }
            at += 16 + (int)captured;
        }
        var copy = (byte[])bytes.Clone();
        var record = records[random.Next(records.Count)];
        var field = record + (random.Next(2) == 0 ? 8 : 12);
        var old = BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(field));
        var lie = random.Next(3) switch
        {
            0 => Interesting[random.Next(Interesting.Length)],
            1 => old + (uint)random.Next(1, 64),
            _ => old - (uint)random.Next(1, 64),
        };
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(field), lie);
        return copy;
    }

    /// <summary>A pcapng block (found by walking the blocks) gets a leading or trailing total length that lies.</summary>
    private byte[] LieAboutBlockLength(byte[] bytes)
    {
        if (bytes.Length < 28 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0x0A0D0D0A)
        {
            return LieAboutRecordLength(bytes);
        }
        var bigEndian = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)) != 0x1A2B3C4D;
        uint Read(int at) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
        var blocks = new List<(int Start, uint Length)>();
        var position = 0;
        while (position + 12 <= bytes.Length)
        {
            var length = Read(position + 4);
            blocks.Add((position, length));
            if (length < 12 || length > bytes.Length - position)
            {
                break;
            }
            position += (int)length;
        }
        var copy = (byte[])bytes.Clone();
        var (start, blockLength) = blocks[random.Next(blocks.Count)];
        var trailing = random.Next(2) == 0 && blockLength >= 12 && start + blockLength <= copy.Length;
        var field = trailing ? start + (int)blockLength - 4 : start + 4;
        var lie = random.Next(3) switch
        {
            0 => Interesting[random.Next(Interesting.Length)],
            1 => blockLength + (uint)(4 * random.Next(1, 16)),
            _ => blockLength - (uint)(4 * random.Next(1, 4)),
        };
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(field), lie);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(field), lie);
        }
        return copy;
    }
}
