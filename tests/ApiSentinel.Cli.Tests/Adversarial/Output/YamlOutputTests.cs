using System.Text.RegularExpressions;
using ApiSentinel.Cli.Output.Catalog;
using ApiSentinel.Cli.Output.Yaml;
using ApiSentinel.Crds;
using YamlDotNet.RepresentationModel;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// Issue 6 item 6: YAML written from wire text always parses, and parses back to the very same values — for
/// generated hostile strings over every character class that broke it (controls, NEL, separators, BOM, bidi,
/// lone surrogates, YAML indicators and special words).
/// </summary>
public sealed partial class YamlOutputTests
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [Theory]
    [InlineData(1)]
    [InlineData(77)]
    [InlineData(4242)]
    public void Every_hostile_string_is_one_double_quoted_scalar_that_parses_back_to_itself(int seed)
    {
        var text = new HostileText(seed);
        for (var i = 0; i < 400; i++)
        {
            var value = text.Next(1 + i % 9);
            var quoted = YamlScalar.Quoted(value);
            HostileText.AssertSafe(quoted);
            var document = $"a: {quoted}\nb: [{quoted}]\n{YamlScalar.Key(value)}: 1\n";
            var root = Parse(document).Single();
            Assert.Equal(HostileText.AsEncodable(value), Scalar(root, "a"));
            Assert.Equal(HostileText.AsEncodable(value), ((YamlScalarNode)((YamlSequenceNode)root.Children[new YamlScalarNode("b")])[0]).Value);
            Assert.Contains(root.Children.Keys, k => ((YamlScalarNode)k).Value == HostileText.AsEncodable(value));
        }
    }

    [Fact]
    public void Each_character_class_has_its_escape()
    {
        Assert.Equal("\"a\\eb\\a\\N\\L\\P\\uFEFF\\u202E\\x7F\\x9B\\t\\\"\\\\\"", YamlScalar.Quoted("a\u001Bb\u0007\u0085\u2028\u2029\uFEFF\u202E\u007F\u009B\t\"\\"));
        Assert.Equal("\"\\uFFFD\\uFFFE\\U000E0041x\"", YamlScalar.Quoted("\uD800\uFFFE" + char.ConvertFromUtf32(0xE0041) + "x"));
        Assert.Equal("\"true\"", YamlScalar.Quoted("true"));
        Assert.Equal("\"on\"", YamlScalar.Key("on"));
        Assert.Equal("\"200\"", YamlScalar.Key("200"));
        Assert.Equal("apisentinel.io/risk", YamlScalar.Key("apisentinel.io/risk"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(99)]
    public void Manifests_of_a_hostile_catalog_parse_back_to_the_catalogs_values_with_valid_names_and_labels(int seed)
    {
        var catalog = HostileCatalog.Build(seed);
        var output = new StringWriter();
        ApiEndpointManifestWriter.Write(output, catalog, "default", HostileCatalog.Clients());
        foreach (var line in output.ToString().Split('\n'))
        {
            HostileText.AssertSafe(line);
        }
        var documents = Parse(output.ToString());
        Assert.Equal(catalog.Endpoints.Count, documents.Count);
        Assert.True(catalog.Endpoints.Count > 5);
        for (var i = 0; i < documents.Count; i++)
        {
            var e = catalog.Endpoints[i];
            var doc = documents[i];
            var spec = (YamlMappingNode)doc["spec"];
            Assert.Equal(HostileText.AsEncodable(e.Key.Host), Scalar(spec, "host"));
            Assert.Equal(HostileText.AsEncodable(e.Key.Method), Scalar(spec, "method"));
            Assert.Equal(HostileText.AsEncodable(e.Key.PathTemplate), Scalar(spec, "path"));
            var status = (YamlMappingNode)doc["status"];
            var parameters = (YamlMappingNode)status["parameters"];
            Assert.Equal(e.RequestHeaders.Keys.Select(HostileText.AsEncodable), Names(parameters, "requestHeaders"));
            Assert.Equal(e.Query.Names.Select(HostileText.AsEncodable), Names(parameters, "query"));
            var sensitive = (YamlMappingNode)((YamlSequenceNode)status["sensitiveData"])[0];
            var key = e.Sensitive.Keys.First();
            Assert.Equal(HostileText.AsEncodable(key.Location), Scalar(sensitive, "location"));
            Assert.Equal(e.MaskedSamplesOf(key).Select(HostileText.AsEncodable), ((YamlSequenceNode)sensitive["maskedSamples"]).Select(n => ((YamlScalarNode)n).Value));

            var metadata = (YamlMappingNode)doc["metadata"];
            Assert.Matches(Dns1123Subdomain(), Scalar(metadata, "name"));
            Assert.InRange(Scalar(metadata, "name").Length, 1, 253);
            foreach (var (_, value) in ((YamlMappingNode)metadata["labels"]).Children)
            {
                var label = (YamlScalarNode)value;
                Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, label.Style); // a string, never a YAML boolean or number
                Assert.Matches(LabelValue(), label.Value!);
                Assert.InRange(label.Value!.Length, 0, 63);
            }
        }
    }

    [Theory]
    [InlineData("api.example.com", "api.example.com")]
    [InlineData("false", "false")]
    [InlineData("", "")]
    public void Label_values_that_are_valid_are_kept_as_they_are(string host, string expected) =>
        Assert.Equal(expected, LabelValues.Of(host));

    [Fact]
    public void Label_values_that_are_not_valid_get_a_hash_and_never_collide()
    {
        string[] hosts = ["api.example.com:8080", "api.example.com_8080", "-a-", new string('a', 64), new string('a', 65), "\u202Eexe.png", ":::", "é"];
        var values = hosts.Select(LabelValues.Of).ToList();
        Assert.All(values, v => Assert.Matches(LabelValue(), v));
        Assert.All(values, v => Assert.InRange(v.Length, 0, 63));
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    private static IEnumerable<string?> Names(YamlMappingNode parameters, string list) =>
        ((YamlSequenceNode)parameters[list]).Select(n => Scalar((YamlMappingNode)n, "name"));

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static List<YamlMappingNode> Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }
}
