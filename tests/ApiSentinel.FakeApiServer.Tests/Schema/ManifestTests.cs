using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema;
using ApiSentinel.FakeApiServer.Schema.Cel;

namespace ApiSentinel.FakeApiServer.Tests.Schema;

/// <summary>Every CRD manifest in <c>crds/</c> is one a real API server accepts, and explains every field.</summary>
public sealed class ManifestTests
{
    public static TheoryData<string> Manifests()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CrdsDirectory(), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_passes_the_api_servers_checks(string file)
    {
        foreach (var crd in Load(file))
        {
            var problems = StructuralSchema.CheckCrd(crd);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_describes_every_field(string file)
    {
        foreach (var crd in Load(file))
        {
            foreach (var version in crd["spec"]!["versions"]!.AsArray())
            {
                Assert.Equal([], StructuralSchema.MissingDescriptions(version!["schema"]!["openAPIV3Schema"]!.AsObject()));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void Manifest_rules_all_run_in_the_fake_server(string file)
    {
        foreach (var crd in Load(file))
        {
            foreach (var version in crd["spec"]!["versions"]!.AsArray())
            {
                var root = SchemaNode.Parse(version!["schema"]!["openAPIV3Schema"]!.AsObject());
                var rules = 0;
                CompileAll(root, ref rules);
                Assert.True(rules > 0, $"{file} has no CEL rules to check");
            }
        }
    }

    [Fact]
    public void Defender_rules_reject_what_they_say()
    {
        var validator = Validator("apisentinel.io_defenders.yaml");
        const string Collector = "collector: {address: 'apisentinel-collector.apisentinel:4317'}";

        Assert.Empty(Write(validator, $"{{mode: DaemonSet, ports: [8080], {Collector}}}"));
        Assert.Contains("spec: Invalid value: \"object\": a Sidecar Defender needs a podSelector: sidecars are injected into the selected pods only",
            Write(validator, $"{{mode: Sidecar, {Collector}}}"));
        Assert.Contains("spec: Invalid value: \"object\": ports and filter are exclusive: give one or the other",
            Write(validator, $"{{mode: DaemonSet, ports: [80], filter: tcp port 80, {Collector}}}"));
        Assert.Contains("spec.ports[0]: Invalid value: 0: spec.ports[0] in body should be greater than or equal to 1",
            Write(validator, $"{{mode: DaemonSet, ports: [0], {Collector}}}"));
        Assert.Contains("spec.ports[1]: Duplicate value: 80", Write(validator, $"{{mode: DaemonSet, ports: [80, 80], {Collector}}}"));
        Assert.Contains("spec.collector: Required value", Write(validator, "{mode: DaemonSet}"));
    }

    [Fact]
    public void Defender_defaults_apply()
    {
        var validator = Validator("apisentinel.io_defenders.yaml");
        var obj = Yaml.Object("{apiVersion: apisentinel.io/v1alpha1, kind: Defender, metadata: {name: d}, spec: {mode: DaemonSet, collector: {address: c:4317}, bogus: 1}}");

        validator.DefaultAndPrune(obj);

        Assert.Equal(65536, obj["spec"]!["bodyInspectionLimit"]!.GetValue<long>());
        Assert.False(obj["spec"]!.AsObject().ContainsKey("bogus"));
    }

    [Fact]
    public void ApiEndpoint_spec_is_immutable_on_update_only()
    {
        var validator = Validator("apisentinel.io_apiendpoints.yaml");
        var first = Endpoint("/users/{id}");

        Assert.Empty(validator.Validate(first, null));
        Assert.Empty(validator.Validate(Endpoint("/users/{id}"), first));
        Assert.Contains(validator.Validate(Endpoint("/orders"), first),
            e => e.Message == "spec: Invalid value: \"object\": spec is the endpoint's identity and cannot change; a new identity is a new resource");
        Assert.Contains(validator.Validate(Endpoint("users"), null),
            e => e.Message == "spec: Invalid value: \"object\": path must be a path template starting with /, * or (other)");
    }

    private static JsonObject Endpoint(string path) =>
        Yaml.Object($"{{apiVersion: apisentinel.io/v1alpha1, kind: ApiEndpoint, metadata: {{name: e}}, spec: {{host: api.example.com, method: GET, path: '{path}'}}}}");

    private static CrdValidator Validator(string file) =>
        CrdValidator.For(Load(file).Single()["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject());

    private static List<string> Write(CrdValidator validator, string spec)
    {
        var obj = Yaml.Object($"{{apiVersion: apisentinel.io/v1alpha1, kind: Defender, metadata: {{name: d}}, spec: {spec}}}");
        validator.DefaultAndPrune(obj);
        return [.. validator.Validate(obj, null).Select(e => e.Message)];
    }

    /// <summary>Every rule of the schema compiles against its node and is inside the subset (none would be skipped).</summary>
    private static void CompileAll(SchemaNode node, ref int rules)
    {
        foreach (var rule in node.Rules)
        {
            CelProgram.Compile(rule.Rule, node);
            rules++;
        }
        foreach (var child in node.Properties.Values)
        {
            CompileAll(child, ref rules);
        }
        if (node.Items is { } items)
        {
            CompileAll(items, ref rules);
        }
        if (node.AdditionalProperties is { } values)
        {
            CompileAll(values, ref rules);
        }
    }

    [Fact]
    public void The_manifests_are_found() => Assert.NotEmpty(Manifests());

    private static IEnumerable<JsonObject> Load(string file) =>
        YamlJson.ParseAll(File.ReadAllText(Path.Combine(CrdsDirectory(), file))).OfType<JsonObject>();

    private static string CrdsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
            {
                return Path.Combine(dir.FullName, "crds");
            }
        }
        throw new DirectoryNotFoundException("no ApiSentinel.sln above " + AppContext.BaseDirectory);
    }
}
