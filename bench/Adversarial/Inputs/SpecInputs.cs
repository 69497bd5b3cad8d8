namespace ApiSentinel.Bench.Adversarial.Inputs;

/// <summary>Spec classes need traffic beside them: one small, valid exchange on one connection.</summary>
internal static class SpecInputs
{
    public static IReadOnlyList<string> WithTraffic(string directory, string specPath)
    {
        var pcap = Path.Combine(directory, "one-exchange.pcap");
        if (!File.Exists(pcap))
        {
            using var writer = new PcapWriter(pcap);
            var c = new TcpConversation(writer, PcapWriter.ClientAddress(1), 40000, 1_700_000_000_000_000);
            c.ClientSends(HttpText.Ascii("GET /r1/items/7 HTTP/1.1\r\nHost: api.example\r\n\r\n"));
            c.ServerSends(HttpText.Ok());
            c.Close();
        }
        return ["--pcap", pcap, "--spec", specPath, "--format", "json"];
    }
}
