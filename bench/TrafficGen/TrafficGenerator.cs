namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Interleaves many simulated connections into one capture: each step picks a random live connection and lets
/// it emit its next packet burst, so a busy node's traffic mix (handshakes, requests, long responses and
/// closes of hundreds of flows overlapping in time) appears on the wire. When the target size is reached no
/// new exchange starts; in-flight exchanges complete and every connection closes, so the file holds only
/// whole exchanges and the exchange count is exact.
/// </summary>
internal sealed class TrafficGenerator(GeneratorOptions options)
{
    // 2024-05-01T12:00:00Z: a fixed start keeps the file byte-identical for a given seed.
    private const long CaptureStartMicroseconds = 1_714_564_800L * 1_000_000;
    private const int ClientAddressCount = 1024;
    private const int EphemeralPortFirst = 32_768;
    private const int EphemeralPortEnd = 61_000;
    private const int MaxGapBetweenStepsMicroseconds = 20;

    public GenerationSummary Run(Stream output)
    {
        var random = new DeterministicRandom(options.Seed);
        var composer = new HttpExchangeComposer(random);
        var clock = new SimulatedClock(CaptureStartMicroseconds);
        var summary = new GenerationSummary();
        var clients = new ClientAddressPool(ClientAddressCount, EphemeralPortFirst, EphemeralPortEnd, random);

        using (var pcap = new PcapFileWriter(output))
        {
            var frames = new TcpFrameWriter(pcap);
            var connections = new SimulatedConnection[options.Concurrency];
            int[] live = new int[options.Concurrency];
            for (int i = 0; i < connections.Length; i++)
            {
                connections[i] = new SimulatedConnection(frames, composer, clock, summary);
                Open(connections[i], clients, random);
                live[i] = i;
            }

            int liveCount = live.Length;
            bool draining = false;
            while (liveCount > 0)
            {
                int pick = random.Next(liveCount);
                SimulatedConnection connection = connections[live[pick]];
                clock.Advance(random.Next(MaxGapBetweenStepsMicroseconds));
                draining |= pcap.BytesWritten >= options.TargetBytes;
                if (connection.Step(random, draining))
                {
                    if (draining)
                    {
                        live[pick] = live[--liveCount];
                    }
                    else
                    {
                        Open(connection, clients, random);
                    }
                }
            }

            summary.Packets = pcap.Packets;
            summary.Bytes = pcap.BytesWritten;
        }

        return summary;
    }

    private static void Open(SimulatedConnection connection, ClientAddressPool clients, DeterministicRandom random)
    {
        (uint address, ushort port) = clients.Next(random);
        connection.Open(address, port, random);
    }
}
