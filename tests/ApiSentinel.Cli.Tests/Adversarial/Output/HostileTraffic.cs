using ApiSentinel.Cli.Tests.Adversarial.Privacy;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// Captures and HAR files whose hosts and targets are hostile text (<see cref="HostileText"/>): controls,
/// NEL, separators, bidi, invisible characters, YAML indicators and words, very long hosts — everything that
/// reaches an output as structure. CR and LF are left out of header values and spaces out of targets so that
/// the messages still frame and the text reaches the catalog instead of being dropped as garbage.
/// </summary>
internal static class HostileTraffic
{
    public static PlantedTraffic Build(int seed, int exchanges = 24)
    {
        var text = new HostileText(seed);
        var traffic = new PlantedTraffic(seed);
        string[] fixedHosts = ["true", "123", "null", "API.Example.COM:8080", new string('h', 300) + ".example", "-leading.example", "a_b.example"];
        for (var i = 0; i < exchanges; i++)
        {
            var host = i < fixedHosts.Length ? fixedHosts[i] : Clean(text.Next(4));
            var segment = Clean(text.Next(3)).Replace(' ', '_').Replace('?', '_').Replace('#', '_');
            var target = $"/files/{segment}/{i}";
            traffic.Add(new PlantedExchange
            {
                Method = i % 3 == 0 ? "POST" : "GET",
                Target = target,
                HarUrl = "http://" + PlantedTraffic.Host + "/files/" + Uri.EscapeDataString(segment) + "/" + i,
                RequestHeaders = [("Host", host), ("User-Agent", Clean(text.Next(2)))],
                RequestBody = i % 3 == 0 ? "{\"a\":1}" : null,
                ResponseHeaders = [("Content-Type", "application/json")],
                ResponseBody = "{\"id\":" + i + "}",
            });
        }
        return traffic;
    }

    private static string Clean(string text) => text.Replace('\r', '_').Replace('\n', '_');
}
