using System.Text;

namespace ApiSentinel.Bench.Adversarial.Inputs;

internal static class SpecText
{
    public const string JsonPreamble = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"hostile\",\"version\":\"1\"},";
    public const string YamlPreamble = "openapi: 3.0.3\ninfo:\n  title: hostile\n  version: '1'\n";

    /// <summary>A path whose 200 response body is <c>#/components/schemas/S0</c>: the entry into a schema graph.</summary>
    public const string PathIntoS0 =
        "\"paths\":{\"/r1/items/{id}\":{\"get\":{\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}]," +
        "\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S0\"}}}}}}}},";

    public static string Write(string directory, string fileName, Action<StreamWriter> body)
    {
        var path = Path.Combine(directory, fileName);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        body(writer);
        return path;
    }

    public static string Ref(int index) => $"{{\"$ref\":\"#/components/schemas/S{index}\"}}";
}

/// <summary>Item 8: flow-style sequences nested <c>size</c> deep (<c>[</c> × 50,000 in the issue, 100 KB).</summary>
public sealed class FlowNestingYaml : HostileInput
{
    public override string Name => "yaml-flow-nesting";
    public override int IssueItem => 8;
    public override string Shape => "`[` nested N deep in a YAML spec";
    public override int FullSize => 50_000;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.yaml", w =>
        {
            w.Write(SpecText.YamlPreamble);
            w.Write("paths: {}\nx-deep: ");
            w.Write(new string('[', size));
            w.Write(new string(']', size));
            w.Write('\n');
        }));
}

/// <summary>Item 9: N aliases of one long anchored string (5·N characters): small file, N² expansion.</summary>
public sealed class AliasBombYaml : HostileInput
{
    public override string Name => "yaml-alias-bomb";
    public override int IssueItem => 9;
    public override string Shape => "N aliases of one 5·N-character anchored string";
    public override int FullSize => 100_000;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.yaml", w =>
        {
            w.Write(SpecText.YamlPreamble);
            w.Write("paths: {}\nx-anchor: &a ");
            w.Write(new string('x', size * 5));
            w.Write("\nx-bomb: [");
            for (var i = 0; i < size; i++)
            {
                w.Write(i == 0 ? "*a" : ", *a");
            }
            w.Write("]\n");
        }));
}

/// <summary>Item 10: N levels of schemas, each an <c>allOf</c> of 4 references to the next (4^N when flattened).</summary>
public sealed class AllOfFanOutSpec : HostileInput
{
    public override string Name => "spec-allof-fanout";
    public override int IssueItem => 10;
    public override string Shape => "N schema levels, each allOf of 4 refs to the next";
    public override int FullSize => 32;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.json", w =>
        {
            w.Write(SpecText.JsonPreamble);
            w.Write(SpecText.PathIntoS0);
            w.Write("\"components\":{\"schemas\":{");
            for (var i = 0; i < size; i++)
            {
                var next = SpecText.Ref(i + 1);
                w.Write($"\"S{i}\":{{\"allOf\":[{next},{next},{next},{next}]}},");
            }
            w.Write($"\"S{size}\":{{\"type\":\"object\",\"properties\":{{\"id\":{{\"type\":\"string\"}}}}}}}}}}}}");
        }));
}

/// <summary>Item 10: N levels of objects whose 4 properties each reference the next level (4^N property paths).</summary>
public sealed class PropertyFanOutSpec : HostileInput
{
    public override string Name => "spec-property-fanout";
    public override int IssueItem => 10;
    public override string Shape => "N object levels, 4 properties each referencing the next";
    public override int FullSize => 26;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.json", w =>
        {
            w.Write(SpecText.JsonPreamble);
            w.Write(SpecText.PathIntoS0);
            w.Write("\"components\":{\"schemas\":{");
            for (var i = 0; i < size; i++)
            {
                var next = SpecText.Ref(i + 1);
                w.Write($"\"S{i}\":{{\"type\":\"object\",\"properties\":{{\"a\":{next},\"b\":{next},\"c\":{next},\"d\":{next}}}}},");
            }
            w.Write($"\"S{size}\":{{\"type\":\"string\"}}}}}}}}");
        }));
}

/// <summary>Item 11: 2·N/5 servers × N paths (2,000 × 5,000 in the issue, 410 KB).</summary>
public sealed class ServersTimesPathsSpec : HostileInput
{
    public override string Name => "spec-servers-x-paths";
    public override int IssueItem => 11;
    public override string Shape => "2N/5 servers × N paths";
    public override int FullSize => 5_000;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.json", w =>
        {
            w.Write(SpecText.JsonPreamble);
            w.Write("\"servers\":[");
            var servers = Math.Max(1, size * 2 / 5);
            for (var i = 0; i < servers; i++)
            {
                w.Write($"{(i == 0 ? "" : ",")}{{\"url\":\"https://s{i}.api.example/v1\"}}");
            }
            w.Write("],\"paths\":{");
            for (var i = 0; i < size; i++)
            {
                w.Write($"{(i == 0 ? "" : ",")}\"/p{i}\":{{\"get\":{{\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}");
            }
            w.Write("}}");
        }));
}

/// <summary>Item 12: a large legitimate spec, N paths (10^5 paths, 7.5 MB in the issue).</summary>
public sealed class ManyPathsSpec : HostileInput
{
    public override string Name => "spec-many-paths";
    public override int IssueItem => 12;
    public override string Shape => "N paths, one operation each";
    public override int FullSize => 100_000;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.json", w =>
        {
            w.Write(SpecText.JsonPreamble);
            w.Write("\"paths\":{");
            for (var i = 0; i < size; i++)
            {
                w.Write($"{(i == 0 ? "" : ",")}\"/svc{i % 97}/r{i}/items\":{{\"get\":{{\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}");
            }
            w.Write("}}");
        }));
}

/// <summary>Item 12: a YAML document with N keys in one mapping (a million in the issue).</summary>
public sealed class MillionKeysYaml : HostileInput
{
    public override string Name => "yaml-many-keys";
    public override int IssueItem => 12;
    public override string Shape => "N keys in one YAML mapping";
    public override int FullSize => 1_000_000;

    public override IReadOnlyList<string> Write(string directory, int size) =>
        SpecInputs.WithTraffic(directory, SpecText.Write(directory, $"{Name}.yaml", w =>
        {
            w.Write(SpecText.YamlPreamble);
            w.Write("paths: {}\nx-keys:\n");
            for (var i = 0; i < size; i++)
            {
                w.Write($"  k{i}: {i}\n");
            }
        }));
}
