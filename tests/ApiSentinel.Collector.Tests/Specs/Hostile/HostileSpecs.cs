using System.Globalization;
using System.Text;

namespace ApiSentinel.Collector.Tests.Specs.Hostile;

/// <summary>
/// Generators of hostile (and of large legitimate) spec documents, one per cost class of issue 6 (items 8–13),
/// each scaled by its arguments: the unit tests use small-but-representative sizes, bench/SpecLoad (which links
/// this file) the issue's sizes. Every generator returns the document text.
/// </summary>
public static class HostileSpecs
{
    private const string Head = "openapi: 3.0.3\ninfo: { title: hostile, version: '1' }\n";
    private const string JsonHead = """{"openapi":"3.0.3","info":{"title":"hostile","version":"1"},""";

    /// <summary>Item 8: flow-style nesting, <c>[</c> × depth then <c>]</c> × depth (50,000 is 100 KB), or <c>{a: </c> × depth.</summary>
    public static string FlowNesting(int depth, char open = '[') => open == '{'
        ? Head + "x-deep: " + new StringBuilder().Insert(0, "{a: ", depth) + "1" + new string('}', depth) + "\npaths: {}\n"
        : Head + "x-deep: " + new string('[', depth) + new string(']', depth) + "\npaths: {}\n";

    /// <summary>Block-style nesting: each level one more space of indentation.</summary>
    public static string BlockNesting(int depth)
    {
        var builder = new StringBuilder(Head).Append("x-deep:\n");
        for (var i = 1; i <= depth; i++)
        {
            builder.Append(' ', i).Append("k:\n");
        }

        return builder.Append("paths: {}\n").ToString();
    }

    /// <summary>JSON nesting, arrays or objects.</summary>
    public static string JsonNesting(int depth, bool objects)
    {
        var builder = new StringBuilder(JsonHead).Append("\"x-deep\":");
        for (var i = 0; i < depth; i++)
        {
            builder.Append(objects ? "{\"a\":" : "[");
        }

        builder.Append('1');
        for (var i = 0; i < depth; i++)
        {
            builder.Append(objects ? '}' : ']');
        }

        return builder.Append(",\"paths\":{}}").ToString();
    }

    /// <summary>Item 9: aliases of one long string (a 500 K string used 100,000 times is a 1 MB file).</summary>
    public static string AliasOfLongString(int stringChars, int aliases)
    {
        var builder = new StringBuilder(Head).Append("x-s: &s ").Append('x', stringChars).Append("\nx-l: [");
        for (var i = 0; i < aliases; i++)
        {
            builder.Append(i == 0 ? "*s" : ",*s");
        }

        return builder.Append("]\npaths: {}\n").ToString();
    }

    /// <summary>The classic alias bomb: each level a list of ten aliases of the level before.</summary>
    public static string AliasLaughs(int levels, int width = 10)
    {
        var builder = new StringBuilder(Head).Append("x-l0: &l0 [lol]\n");
        for (var level = 1; level <= levels; level++)
        {
            builder.Append("x-l").Append(level).Append(": &l").Append(level).Append(" [");
            for (var i = 0; i < width; i++)
            {
                builder.Append(i == 0 ? "" : ",").Append("*l").Append(level - 1);
            }

            builder.Append("]\n");
        }

        return builder.Append("paths: {}\n").ToString();
    }

    /// <summary>Merge keys of merge keys: each level merges the previous one twice under new keys.</summary>
    public static string MergeBomb(int levels)
    {
        var builder = new StringBuilder(Head).Append("x-m0: &m0 { a: 1, b: 2 }\n");
        for (var level = 1; level <= levels; level++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"x-m{level}: &m{level} {{ <<: *m{level - 1}, l{level}a: *m{level - 1}, l{level}b: *m{level - 1} }}\n");
        }

        return builder.Append("paths: {}\n").ToString();
    }

    /// <summary>
    /// Item 10: composition fan-out — schema Lk composes L(k+1) <paramref name="width"/> times with the given
    /// keyword (<c>allOf</c>, <c>oneOf</c>, <c>anyOf</c>); ten layers of ten is 10¹⁰ visits without memoisation.
    /// </summary>
    public static string CompositionFanOut(int layers, int width, string keyword = "allOf")
    {
        var builder = new StringBuilder(Head).Append(Operation("L0")).Append("components:\n  schemas:\n");
        for (var layer = 0; layer < layers; layer++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"    L{layer}:\n      {keyword}:\n");
            for (var i = 0; i < width; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"        - $ref: '#/components/schemas/L{layer + 1}'\n");
            }
        }

        return builder.Append(CultureInfo.InvariantCulture, $"    L{layers}: {{ type: object, properties: {{ id: {{ type: integer }} }} }}\n").ToString();
    }

    /// <summary>Item 10: property fan-out — each layer has <paramref name="width"/> properties of the next layer.</summary>
    public static string PropertyFanOut(int layers, int width, string via = "properties")
    {
        var builder = new StringBuilder(Head).Append(Operation("L0")).Append("components:\n  schemas:\n");
        for (var layer = 0; layer < layers; layer++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"    L{layer}:\n      type: object\n");
            switch (via)
            {
                case "items":
                    builder.Append(CultureInfo.InvariantCulture, $"      properties: {{ a: {{ type: array, items: {{ $ref: '#/components/schemas/L{layer + 1}' }} }}, b: {{ additionalProperties: {{ $ref: '#/components/schemas/L{layer + 1}' }} }} }}\n");
                    break;
                default:
                    builder.Append("      properties:\n");
                    for (var i = 0; i < width; i++)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"        p{i}: {{ $ref: '#/components/schemas/L{layer + 1}' }}\n");
                    }

                    break;
            }
        }

        return builder.Append(CultureInfo.InvariantCulture, $"    L{layers}: {{ type: string }}\n").ToString();
    }

    /// <summary>Item 11: many servers (distinct hosts and base paths) × many paths.</summary>
    public static string ServersTimesPaths(int servers, int paths)
    {
        var builder = new StringBuilder(JsonHead).Append("\"servers\":[");
        for (var i = 0; i < servers; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"url\":\"https://h{i}.example.com/b{i}\"}}");
        }

        builder.Append("],\"paths\":{");
        for (var i = 0; i < paths; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}\"/p{i}\":{{\"get\":{{\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}");
        }

        return builder.Append("}}").ToString();
    }

    /// <summary>
    /// Path items by reference: <paramref name="paths"/> paths, each a <c>$ref</c> to one item with all eight
    /// methods, under <paramref name="servers"/> relative servers <c>/b{i}</c>. <paramref name="style"/> is
    /// <c>components</c> (OAS 3.1 <c>components/pathItems</c>), <c>paths</c> (OAS 3.0, a reference to another path)
    /// or <c>swagger</c> (2.0, the same; it has one base path). The reviewer's size, 300 × 20,000, took 8.4 GB.
    /// </summary>
    public static string ReferencedPathItems(int servers, int paths, string style)
    {
        const string methods = "\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}";
        var item = "{" + string.Join(",", new[] { "get", "put", "post", "delete", "options", "head", "patch", "trace" }
            .Select(m => methods.Replace("\"get\"", "\"" + m + "\"", StringComparison.Ordinal))) + "}";
        var builder = new StringBuilder();
        string target;
        if (style == "swagger")
        {
            builder.Append("""{"swagger":"2.0","info":{"title":"hostile","version":"1"},"basePath":"/b0","paths":{""");
            builder.Append("\"/shared\":").Append(item);
            target = "#/paths/~1shared";
        }
        else
        {
            builder.Append(style == "components" ? """{"openapi":"3.1.0",""" : """{"openapi":"3.0.3",""")
                .Append("""
                    "info":{"title":"hostile","version":"1"},"servers":[
                    """);
            for (var i = 0; i < servers; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"url\":\"/b{i}\"}}");
            }

            builder.Append("],");
            if (style == "components")
            {
                builder.Append("\"components\":{\"pathItems\":{\"shared\":").Append(item).Append("}},\"paths\":{");
                target = "#/components/pathItems/shared";
            }
            else
            {
                builder.Append("\"paths\":{\"/shared\":").Append(item);
                target = "#/paths/~1shared";
            }
        }

        for (var i = 0; i < paths; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{(i == 0 && style == "components" ? "" : ",")}\"/p{i}\":{{\"$ref\":\"{target}\"}}");
        }

        return builder.Append("}}").ToString();
    }

    /// <summary>Path items referring along a chain of <paramref name="length"/> items, the last back to the first.</summary>
    public static string PathItemChain(int length)
    {
        var builder = new StringBuilder("""{"openapi":"3.1.0","info":{"title":"hostile","version":"1"},"components":{"pathItems":{""");
        for (var i = 0; i < length; i++)
        {
            builder.Append(CultureInfo.InvariantCulture,
                $"{(i == 0 ? "" : ",")}\"i{i}\":{{\"$ref\":\"#/components/pathItems/i{(i + 1) % length}\",\"get\":{{\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}");
        }

        return builder.Append("}},\"paths\":{\"/a\":{\"$ref\":\"#/components/pathItems/i0\"}}}").ToString();
    }

    /// <summary>
    /// A schema with <paramref name="entries"/> empty schemas under <paramref name="keyword"/> (<c>allOf</c>,
    /// <c>oneOf</c>, <c>anyOf</c>, or <c>properties</c>): 3 bytes of text each, about 1 KB of model each.
    /// </summary>
    public static string WideSchema(int entries, string keyword)
    {
        var builder = new StringBuilder(JsonHead).Append("\"paths\":{},\"components\":{\"schemas\":{\"X\":{\"").Append(keyword)
            .Append(keyword == "properties" ? "\":{" : "\":[");
        for (var i = 0; i < entries; i++)
        {
            builder.Append(i == 0 ? "" : ",");
            if (keyword == "properties")
            {
                builder.Append(CultureInfo.InvariantCulture, $"\"p{i}\":");
            }

            builder.Append("{}");
        }

        return builder.Append(keyword == "properties" ? "}}}}}" : "]}}}}").ToString();
    }

    /// <summary>Item 12: a large legitimate spec, <paramref name="paths"/> paths with a path parameter (10⁵ is 7.5 MB).</summary>
    public static string ManyPaths(int paths)
    {
        var builder = new StringBuilder(JsonHead).Append("\"servers\":[{\"url\":\"https://api.example.com/v1\"}],\"paths\":{");
        for (var i = 0; i < paths; i++)
        {
            builder.Append(CultureInfo.InvariantCulture,
                $"{(i == 0 ? "" : ",")}\"/r{i}/{{id}}\":{{\"get\":{{\"responses\":{{\"200\":{{\"description\":\"ok\"}}}}}}}}");
        }

        return builder.Append("}}").ToString();
    }

    /// <summary>Item 12: a YAML document with a million keys (in an extension, as generated catalogues do).</summary>
    public static string ManyYamlKeys(int keys)
    {
        var builder = new StringBuilder(Head).Append("paths:\n  /a:\n    get: { responses: { '200': { description: ok } } }\nx-catalogue:\n");
        for (var i = 0; i < keys; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"  k{i}: {i}\n");
        }

        return builder.ToString();
    }

    /// <summary>Item 13: a lone surrogate escape in a JSON string.</summary>
    public static string LoneSurrogate(string where = "title") => where == "key"
        ? JsonHead.Replace("\"title\"", "\"\\udc00title\"", StringComparison.Ordinal) + "\"paths\":{}}"
        : """{"openapi":"3.0.3","info":{"title":"a\ud800b","version":"1"},"paths":{}}""";

    /// <summary>Item 13: a <c>$ref</c> cycle with no content (A → B → A), used by a response, beside a usable operation.</summary>
    public static string ReferenceCycle(int length = 2)
    {
        var builder = new StringBuilder(Head)
            .Append("paths:\n  /ok:\n    get: { responses: { '200': { description: ok } } }\n")
            .Append(Operation("C0").Replace("paths:\n", "", StringComparison.Ordinal).Replace("/x", "/cycle", StringComparison.Ordinal))
            .Append("components:\n  schemas:\n");
        for (var i = 0; i < length; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"    C{i}: {{ $ref: '#/components/schemas/C{(i + 1) % length}' }}\n");
        }

        return builder.ToString();
    }

    /// <summary>Item 13: document text with ESC, BEL and a newline where a reader quotes it in its error.</summary>
    public static string EscapesInQuotedText() =>
        "{\"openapi\":\"9.9\\u001b[31m\\n\\u0007evil\",\"info\":{\"title\":\"x\",\"version\":\"1\"},\"paths\":{}}";

    private static string Operation(string schema) =>
        $"paths:\n  /x:\n    post:\n      requestBody: {{ content: {{ application/json: {{ schema: {{ $ref: '#/components/schemas/{schema}' }} }} }} }}\n" +
        $"      responses: {{ '200': {{ description: ok, content: {{ application/json: {{ schema: {{ $ref: '#/components/schemas/{schema}' }} }} }} }} }}\n";
}
