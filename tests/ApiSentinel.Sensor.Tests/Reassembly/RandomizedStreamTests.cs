using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;
using static ApiSentinel.Sensor.Tests.Reassembly.ReassemblyHarness;

namespace ApiSentinel.Sensor.Tests.Reassembly;

/// <summary>
/// Property tests: a random byte stream is cut into segments which are duplicated, re-sent with shifted
/// overlapping boundaries, reordered and (sometimes) dropped; the reassembled stream must account for every
/// byte position exactly once, with delivered bytes equal to the original at their positions.
/// </summary>
public sealed class RandomizedStreamTests
{
    private const FlowDirection C2S = FlowDirection.ClientToServer;

    private readonly record struct Transmission(int Offset, int Length, bool IsOriginal, int OriginalIndex);

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8, 42, 1234];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Fully_shuffled_duplicated_overlapping_segments_reassemble_exactly(int seed)
    {
        var random = new Random(seed);
        byte[] stream = RandomStream(random);
        List<Transmission> transmissions = Transmissions(random, stream.Length);
        Shuffle(random, transmissions);
        var harness = new ReassemblyHarness(new ReassemblyOptions
        {
            GapThresholdBytes = long.MaxValue,
            MaxBufferedBytesPerConnection = long.MaxValue,
        });

        Run(harness, random, stream, transmissions, finPosition: random.Next(transmissions.Count + 1), injectAcks: false);

        Assert.Equal(stream, harness.Last.Bytes(C2S));
        Assert.Equal(0, harness.Counters.Gaps);
        Assert.Contains("eos C2S", harness.Last.Events);
        Assert.Equal(CloseReason.Fin, harness.Last.ClosedWith);
        Assert.Equal(0, harness.Counters.BufferedBytes);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Locally_reordered_segments_reassemble_exactly_under_the_default_gap_threshold(int seed)
    {
        var random = new Random(seed);
        byte[] stream = RandomStream(random);
        List<Transmission> transmissions = Transmissions(random, stream.Length);
        // Each transmission moves at most 5 places, so less than the 16 KiB threshold is ever held above a hole.
        LocallyShuffle(random, transmissions, window: 5);
        var harness = new ReassemblyHarness();

        Run(harness, random, stream, transmissions, finPosition: transmissions.Count, injectAcks: false);

        Assert.Equal(stream, harness.Last.Bytes(C2S));
        Assert.Equal(0, harness.Counters.Gaps);
        Assert.Equal(CloseReason.Fin, harness.Last.ClosedWith);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dropped_segments_become_gaps_and_everything_else_lands_at_its_position(int seed)
    {
        var random = new Random(seed);
        byte[] stream = RandomStream(random);
        List<Transmission> transmissions = Transmissions(random, stream.Length);
        var dropped = new HashSet<int>();
        for (int i = 0; i < transmissions.Count; i++)
        {
            if (transmissions[i].IsOriginal && random.NextDouble() < 0.08)
            {
                dropped.Add(transmissions[i].OriginalIndex);
            }
        }
        transmissions.RemoveAll(t => dropped.Contains(t.OriginalIndex));
        LocallyShuffle(random, transmissions, window: 12);
        var harness = new ReassemblyHarness();

        Run(harness, random, stream, transmissions, finPosition: transmissions.Count, injectAcks: true);
        harness.Reassembler.CloseAll(harness.Now);

        Assert.Equal(stream.Length, harness.Last.Bytes(C2S).Length + harness.Last.GapBytes[(int)C2S]);

        // Replay the event order against the original: every data chunk must match at the current position.
        long position = 0;
        long delivered = 0;
        byte[] received = harness.Last.Bytes(C2S);
        int receivedIndex = 0;
        foreach ((string line, int length) in DataAndGapLengths(harness.Last))
        {
            if (line == "gap")
            {
                position += length;
                continue;
            }
            Assert.True(stream.AsSpan((int)position, length).SequenceEqual(received.AsSpan(receivedIndex, length)),
                $"data at stream offset {position} differs from the original");
            position += length;
            receivedIndex += length;
            delivered += length;
        }
        Assert.Equal(stream.Length, position);
        Assert.Equal(harness.Counters.GapBytes, harness.Last.GapBytes[(int)C2S]);
        Assert.Equal(0, harness.Counters.BufferedBytes);
        Assert.Equal(0, harness.Counters.ActiveConnections);
        if (dropped.Count > 0)
        {
            Assert.True(delivered < stream.Length);
        }
    }

    private static void Run(ReassemblyHarness harness, Random random, byte[] stream, List<Transmission> transmissions,
        int finPosition, bool injectAcks)
    {
        uint isn = random.Next(3) == 0 ? uint.MaxValue - (uint)random.Next(20_000) : (uint)random.NextInt64(uint.MaxValue);
        uint first = unchecked(isn + 1);
        harness.Handshake(isn, serverIsn: 77);
        for (int i = 0; i <= transmissions.Count; i++)
        {
            harness.Now += 10;
            if (i == finPosition)
            {
                harness.Send(Client, Server, unchecked(first + (uint)stream.Length), TcpFlags.Fin);
            }
            if (i == transmissions.Count)
            {
                break;
            }
            Transmission t = transmissions[i];
            harness.Send(Client, Server, unchecked(first + (uint)t.Offset), TcpFlags.Psh, stream.AsSpan(t.Offset, t.Length).ToArray());
            if (injectAcks && random.Next(4) == 0)
            {
                // The server has received (in network order) roughly what was sent a while before this point.
                Transmission earlier = transmissions[Math.Max(0, i - 20)];
                harness.Send(Server, Client, 78, TcpFlags.Ack, acknowledgment: unchecked(first + (uint)earlier.Offset));
            }
        }
        harness.Send(Server, Client, 78, TcpFlags.Fin);
    }

    private static IEnumerable<(string Kind, int Length)> DataAndGapLengths(RecordingStreamHandler handler)
    {
        foreach (string line in handler.Events)
        {
            if (line.StartsWith("gap C2S ", StringComparison.Ordinal))
            {
                yield return ("gap", int.Parse(line["gap C2S ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (line.StartsWith("data C2S ", StringComparison.Ordinal))
            {
                yield return ("data", line.Length - "data C2S ".Length);
            }
        }
    }

    private static byte[] RandomStream(Random random)
    {
        // Printable bytes: the recording handler logs data as ASCII text, so lengths survive the round trip.
        byte[] stream = new byte[random.Next(20_000, 80_000)];
        for (int i = 0; i < stream.Length; i++)
        {
            stream[i] = (byte)random.Next(32, 127);
        }
        return stream;
    }

    private static List<Transmission> Transmissions(Random random, int length)
    {
        var transmissions = new List<Transmission>();
        int offset = 0;
        int index = 0;
        while (offset < length)
        {
            int size = Math.Min(random.Next(1, 1461), length - offset);
            transmissions.Add(new Transmission(offset, size, IsOriginal: true, index));
            if (random.Next(5) == 0)
            {
                transmissions.Add(new Transmission(offset, size, IsOriginal: false, index)); // duplicate
            }
            if (random.Next(5) == 0)
            {
                // A re-send with different boundaries (as after a path MTU change or a partial ACK).
                int start = Math.Max(0, offset - random.Next(0, 700));
                int end = Math.Min(length, start + random.Next(1, 1461));
                transmissions.Add(new Transmission(start, end - start, IsOriginal: false, index));
            }
            offset += size;
            index++;
        }
        return transmissions;
    }

    private static void Shuffle<T>(Random random, List<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static void LocallyShuffle(Random random, List<Transmission> items, int window)
    {
        // Sort by (index + jitter): an item can be overtaken only by items less than `window` places behind it.
        double[] keys = new double[items.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = i + (random.NextDouble() * window);
        }
        Transmission[] array = [.. items];
        Array.Sort(keys, array);
        items.Clear();
        items.AddRange(array);
    }
}
