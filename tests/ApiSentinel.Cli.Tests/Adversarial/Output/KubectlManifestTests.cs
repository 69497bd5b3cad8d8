using System.Text.Json;
using System.Text.RegularExpressions;
using ApiSentinel.Cli.Tests.Adversarial.Privacy;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// Issue 6 item 22: every manifest <c>analyze --format yaml</c> writes is accepted by the real <c>kubectl</c> —
/// for the demo capture, for captures and HAR files with hostile hosts and paths, and for the privacy harness's
/// traffic. <c>kubectl create --dry-run=client --validate=false</c> decodes each object (a label value that is
/// not a string fails right there); with no cluster it then stops at mapping the custom kind, which is the only
/// error allowed. <c>kubectl annotate --local</c> decodes them completely and prints them back, and what it
/// read must be what the JSON catalog says, with names and label values Kubernetes would accept.
/// </summary>
public sealed partial class KubectlManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-kubectl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    /// <summary>kubectl prints one JSON object per manifest, one after another.</summary>
    private static List<JsonElement> JsonValues(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        var values = new List<JsonElement>();
        while (reader.Read())
        {
            values.Add(JsonElement.ParseValue(ref reader));
        }
        return values;
    }

    [KubectlFact]
    public void Manifests_from_the_demo_hostile_and_planted_captures_are_accepted_by_kubectl()
    {
        var inputs = new List<(string Name, string Flag, string Path)> { ("demo.pcap", "--pcap", Path.Combine(RepositoryPaths.Samples, "demo.pcap")) };
        foreach (var seed in new[] { 17, 31337 })
        {
            var hostile = HostileTraffic.Build(seed);
            var pcap = Path.Combine(_dir, $"hostile-{seed}.pcap");
            hostile.WritePcap(pcap);
            inputs.Add(($"hostile pcap (seed {seed})", "--pcap", pcap));
            var har = Path.Combine(_dir, $"hostile-{seed}.har");
            hostile.WriteHar(har);
            inputs.Add(($"hostile HAR (seed {seed})", "--har", har));
        }
        var planted = Path.Combine(_dir, "planted.pcap");
        Placement.Traffic(5, CoveredPlacements.All).WritePcap(planted);
        inputs.Add(("privacy harness pcap", "--pcap", planted));

        foreach (var (name, flag, path) in inputs)
        {
            var yaml = CliProcess.Run("analyze", flag, path, "--format", "yaml", "--masked-samples", "--quiet");
            Assert.True(yaml.ExitCode == 0, $"{name}: {yaml.Stderr}");
            var json = CliProcess.Run("analyze", flag, path, "--format", "json", "--masked-samples", "--quiet");
            var endpoints = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("endpoints").EnumerateArray().ToList();
            Assert.True(endpoints.Count > 0, name);
            var file = Path.Combine(_dir, "manifests.yaml");
            File.WriteAllText(file, yaml.Stdout);

            var created = Kubectl.Run(_dir, "create", "--dry-run=client", "--validate=false", "-f", file, "-o", "yaml");
            var refusals = created.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => !l.Contains("couldn't get current server API group list", StringComparison.Ordinal)).ToList();
            // Every object decoded; each stops only at the discovery of the custom kind (no cluster).
            Assert.True(refusals.All(l => l.Contains("unable to recognize", StringComparison.Ordinal)), $"{name}: kubectl create refused the manifests:\n{string.Join('\n', refusals)}");
            Assert.Equal(endpoints.Count, refusals.Count);

            var read = Kubectl.Run(_dir, "annotate", "--local", "-f", file, "-o", "json", "apisentinel.io/checked=true");
            Assert.True(read.ExitCode == 0, $"{name}: kubectl annotate --local failed: {read.Stderr}");
            var objects = JsonValues(read.Stdout);
            Assert.Equal(endpoints.Count, objects.Count);
            for (var i = 0; i < objects.Count; i++)
            {
                var o = objects[i];
                Assert.Equal("ApiEndpoint", o.GetProperty("kind").GetString());
                var spec = o.GetProperty("spec");
                foreach (var field in new[] { "host", "method", "path" })
                {
                    Assert.Equal(endpoints[i].GetProperty(field).GetString(), spec.GetProperty(field).GetString());
                }
                var metadata = o.GetProperty("metadata");
                var objectName = metadata.GetProperty("name").GetString()!;
                Assert.Matches(Dns1123Subdomain(), objectName);
                Assert.InRange(objectName.Length, 1, 253);
                foreach (var label in metadata.GetProperty("labels").EnumerateObject())
                {
                    Assert.Equal(JsonValueKind.String, label.Value.ValueKind);
                    Assert.Matches(LabelValue(), label.Value.GetString()!);
                    Assert.InRange(label.Value.GetString()!.Length, 0, 63);
                }
            }
        }
    }
}
