using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Specs.Loading;

namespace ApiSentinel.Collector.Tests.Specs.Hostile;

/// <summary>
/// Each hostile class of issue 6 (items 8–13) at a small-but-representative size: a budget names itself in a
/// one-line <see cref="SpecException"/>, or the document loads; never another exception, an overflow or a hang.
/// The issue's sizes run in bench/SpecLoad, each in a child process with a heap limit.
/// </summary>
public sealed class HostileSpecTests
{
    [Theory]
    [InlineData("flow-[", 50_000)]
    [InlineData("flow-{", 50_000)]
    [InlineData("block", 400)]
    [InlineData("json-arrays", 50_000)]
    [InlineData("json-objects", 50_000)]
    public void Nesting_beyond_the_budget_is_refused_before_any_recursive_reader(string shape, int depth)
    {
        var text = Nested(shape, depth);

        var e = AssertRefused(text, nameof(SpecBudget.MaxNestingDepth));
        Assert.Matches("at line [0-9]+, column [0-9]+$", e.Message);
    }

    [Theory]
    [InlineData("flow-[")]
    [InlineData("block")]
    [InlineData("json-objects")]
    public void Nesting_within_the_budget_loads(string shape)
    {
        var spec = ApiSpec.Parse(Nested(shape, SpecBudget.Default.MaxNestingDepth - 2), shape);
        Assert.Empty(spec.Operations);
    }

    [Fact]
    public void Aliases_of_a_long_string_are_charged_by_what_they_expand_to()
    {
        // 20 K characters used 100 times: 2 M characters from a 20 KB document.
        var text = HostileSpecs.AliasOfLongString(20_000, 100);

        AssertRefused(text, nameof(SpecBudget.MaxExpandedChars), new SpecBudget { MaxExpandedChars = 1_000_000 });
        Assert.NotNull(ApiSpec.Parse(text, "aliases.yaml", new SpecBudget { MaxExpandedChars = 3_000_000 }));
    }

    [Fact]
    public void The_default_budget_stops_the_issue_sized_alias_string_before_it_is_copied()
    {
        // 500 K characters × 100,000 aliases is 5·10¹⁰ characters: refused at the first aliases past 128 Mi.
        AssertRefused(HostileSpecs.AliasOfLongString(500_000, 100_000), nameof(SpecBudget.MaxExpandedChars));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(30)]
    public void Alias_laughs_are_refused_by_node_count(int levels) =>
        AssertRefused(HostileSpecs.AliasLaughs(levels), nameof(SpecBudget.MaxAliasNodes));

    [Fact]
    public void Merge_key_bombs_are_refused() =>
        AssertRefused(HostileSpecs.MergeBomb(30), nameof(SpecBudget.MaxAliasNodes));

    [Theory]
    [InlineData("allOf")]
    [InlineData("oneOf")]
    [InlineData("anyOf")]
    public void Composition_fan_out_is_memoised_and_loads(string keyword)
    {
        // 15 layers of 10: 10¹⁵ visits without memoisation.
        var spec = ApiSpec.Parse(HostileSpecs.CompositionFanOut(15, 10, keyword), keyword + ".yaml");

        var operation = Assert.Single(spec.Operations);
        Assert.Equal("integer", operation.RequestFields["$.id"]);
        Assert.Equal("integer", operation.ResponseFields["$.id"]);
    }

    [Fact]
    public void Property_fan_out_is_cut_by_the_body_and_document_field_budgets()
    {
        // 10 properties per layer, 12 layers: 10¹² distinct field paths; cut at the body budget, with a warning.
        var spec = ApiSpec.Parse(HostileSpecs.PropertyFanOut(12, 10), "fan.yaml");
        Assert.Contains(spec.Warnings, w => w.Kind == SpecWarningKinds.BodyCut);
        Assert.InRange(Assert.Single(spec.Operations).RequestFields.Count, 1, SpecBudget.Default.MaxBodyFields);
        // The document's budget: the request body (flattened first) is cut, the response body is not flattened.
        var small = ApiSpec.Parse(HostileSpecs.PropertyFanOut(5, 10), "fan5.yaml", new SpecBudget { MaxSchemaFields = 50_000 });
        Assert.Contains(small.Warnings, w => w.Kind == SpecWarningKinds.BodyCut && w.Message.Contains("MaxSchemaFields", StringComparison.Ordinal));
        Assert.Equal(SchemaTypeExpression.Any, Assert.Single(small.Operations).ResponseFields["$"]);
    }

    [Fact]
    public void Property_fan_out_within_the_budget_loads_every_field()
    {
        var spec = ApiSpec.Parse(HostileSpecs.PropertyFanOut(3, 4), "fan.yaml");

        // 4 + 16 + 64 paths below the root, the last layer strings.
        var fields = Assert.Single(spec.Operations).RequestFields;
        Assert.Equal(1 + 4 + 16 + 64, fields.Count);
        Assert.Equal("string", fields["$.p3.p0.p2"]);
    }

    [Fact]
    public void Items_and_map_fan_out_is_cut_at_the_depth_bound()
    {
        var fields = Assert.Single(ApiSpec.Parse(HostileSpecs.PropertyFanOut(30, 2, "items"), "items.yaml").Operations).RequestFields;

        Assert.Equal("object", fields["$.a[*].b.*"]);
        // Each layer is two JSON levels (a, then [*]); nothing below the flattener's depth bound.
        Assert.All(fields.Keys, k => Assert.True(k.Count(c => c is '.' or '[') <= SchemaFlattener.MaxDepth + 1, k));
        Assert.Contains(fields, f => f.Value == SchemaTypeExpression.Any);
    }

    [Fact]
    public void Servers_times_paths_is_refused_before_operations_are_built()
    {
        // Base paths multiply operations (MaxOperations); the host product is lifted so that this budget is the one tested.
        var e = AssertRefused(HostileSpecs.ServersTimesPaths(200, 5_000), nameof(SpecBudget.MaxOperations),
            new SpecBudget { MaxServerOperationProduct = long.MaxValue });
        Assert.Contains("base path", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_hosts_on_one_base_path_are_bounded_by_the_host_product()
    {
        var text = HostileSpecs.ServersTimesPaths(300, 100).Replace("/b", "/same", StringComparison.Ordinal)
            .Replace("/same0\"", "/same\"", StringComparison.Ordinal);
        // Base paths differ by the digit after "/same"; make them one path.
        text = System.Text.RegularExpressions.Regex.Replace(text, "/same[0-9]+", "/same");

        AssertRefused(text, nameof(SpecBudget.MaxServerOperationProduct), new SpecBudget { MaxServerOperationProduct = 10_000 });
        var spec = ApiSpec.Parse(text, "hosts.json");
        Assert.Equal(300, spec.Hosts.Count);
        Assert.Equal(100, spec.Operations.Count);
    }

    [Fact]
    public void Path_and_operation_counts_have_budgets()
    {
        var text = HostileSpecs.ManyPaths(2_000);

        AssertRefused(text, nameof(SpecBudget.MaxPaths), new SpecBudget { MaxPaths = 1_000 });
        AssertRefused(text, nameof(SpecBudget.MaxOperations), new SpecBudget { MaxOperations = 1_000 });
    }

    [Fact]
    public void A_large_legitimate_spec_loads_whole()
    {
        // 25,000 paths: read in two batches.
        var spec = ApiSpec.Parse(HostileSpecs.ManyPaths(25_000), "large.json");

        Assert.Equal(25_000, spec.Operations.Count);
        Assert.Contains(spec.Operations, o => o.PathTemplate == "/v1/r0/{id}");
        Assert.Contains(spec.Operations, o => o.PathTemplate == "/v1/r24999/{id}");
    }

    [Fact]
    public void Null_schemas_in_properties_and_compositions_read_as_unconstrained()
    {
        // Found by bench/SpecLoad directory in Microsoft Graph beta: a NullReferenceException while flattening.
        var spec = ApiSpec.Parse("""
            {"openapi":"3.0.3","info":{"title":"n","version":"1"},"paths":{"/a":{"post":{
              "requestBody":{"content":{"application/json":{"schema":{"type":"object","properties":{"a":null,"b":{"type":"string"}},"allOf":[null],"anyOf":[null,{"type":"object"}]}}}},
              "responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"type":"array","items":null}}}}}}}}}
            """, "nulls.json");

        var operation = Assert.Single(spec.Operations);
        Assert.Equal("string", operation.RequestFields["$.b"]);
    }

    [Fact]
    public void Many_yaml_keys_load()
    {
        var spec = ApiSpec.Parse(HostileSpecs.ManyYamlKeys(100_000), "keys.yaml");
        Assert.Single(spec.Operations);
    }

    [Fact]
    public void Input_size_is_checked_before_reading()
    {
        AssertRefused(HostileSpecs.ManyPaths(100), nameof(SpecBudget.MaxInputBytes), new SpecBudget { MaxInputBytes = 1_000 });
        var path = Path.Combine(Path.GetTempPath(), $"apisentinel-size-{Environment.ProcessId}.json");
        File.WriteAllText(path, HostileSpecs.ManyPaths(100));
        try
        {
            var e = Assert.Throws<SpecException>(() => ApiSpec.Load(path, new SpecBudget { MaxInputBytes = 1_000 }));
            Assert.Equal(nameof(SpecBudget.MaxInputBytes), e.Budget);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("title")]
    [InlineData("key")]
    public void A_lone_surrogate_in_json_is_a_clear_input_error(string where)
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse(HostileSpecs.LoneSurrogate(where), "surrogate.json"));
        Assert.Contains("unpaired surrogate", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openapi: 3.0.3\ninfo: { title: \"a\\ud800\", version: '1' }\npaths: {}\n")]
    public void A_lone_surrogate_escape_in_yaml_is_a_clear_input_error(string text) => AssertSurrogateRefused(text);

    [Fact]
    public void A_lone_surrogate_character_in_yaml_text_is_a_clear_input_error()
    {
        // Built here, not in InlineData: xUnit's theory serialisation would replace the lone surrogates.
        AssertSurrogateRefused("openapi: 3.0.3\ninfo: { title: a" + '\ud800' + "b, version: '1' }\npaths: {}\n");
        AssertSurrogateRefused("openapi: 3.0.3\ninfo: { title: a, version: '1' }\npaths: { \"/" + '\udc00' + "\": {} }\n");
    }

    private static void AssertSurrogateRefused(string text)
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse(text, "surrogate.yaml"));
        Assert.Contains("surrogate", e.Message, StringComparison.Ordinal);
        Assert.Matches("at line [23], column [0-9]+", e.Message);
        Assert.DoesNotContain(e.Message, char.IsSurrogate);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void A_ref_cycle_is_a_warning_and_the_rest_loads(int length)
    {
        var spec = ApiSpec.Parse(HostileSpecs.ReferenceCycle(length), "cycle.yaml");

        Assert.Contains(spec.Warnings, w => w.Kind == SpecWarningKinds.ReferenceCycle && w.Pointer.StartsWith("#/", StringComparison.Ordinal));
        Assert.Contains(spec.Operations, o => o.PathTemplate == "/ok");
        var cycle = Assert.Single(spec.Operations, o => o.PathTemplate == "/cycle");
        Assert.Equal(SchemaTypeExpression.Any, cycle.RequestFields["$"]);
    }

    [Fact]
    public void Spec_text_quoted_in_an_error_is_one_escaped_line()
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse(HostileSpecs.EscapesInQuotedText(), "escapes.json"));

        Assert.DoesNotContain(e.Message, c => char.IsControl(c));
        Assert.Contains("\\u001B", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openapi: 3.0.3\ninfo: { title: \"\\e]0;x\\a\", version: '1' }\npaths: { /a: { get: { responses: { '200': { description: ok } } } } }\nx: [\u001b\n")]
    [InlineData("openapi: 3.0.3\n\u001b[2J: [\n")]
    [InlineData("{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"\u001b[31m\"},\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"\u2028ok\"}}}}}}\n\u001b")]
    public void No_error_or_warning_carries_control_characters(string text)
    {
        try
        {
            var spec = ApiSpec.Parse(text, "ctl.yaml");
            Assert.All(spec.Warnings, w => Assert.DoesNotContain(w.ToString(), c => char.IsControl(c) || c is '\u2028' or '\u2029'));
        }
        catch (SpecException e)
        {
            Assert.DoesNotContain(e.Message, c => char.IsControl(c) || c is '\u2028' or '\u2029');
        }
    }

    [Theory]
    [InlineData("components")]
    [InlineData("paths")]
    [InlineData("swagger")]
    public void Operations_of_referenced_path_items_are_counted_before_the_reader_runs(string style)
    {
        // 100 references to one 8-method item: 800 operations written as 100 one-line references.
        var text = HostileSpecs.ReferencedPathItems(2, 100, style);

        AssertRefused(text, nameof(SpecBudget.MaxOperations), new SpecBudget { MaxOperations = 500 });
        var spec = ApiSpec.Parse(text, style + ".json");
        if (style == "components")
        {
            // The reader resolves these: 100 paths × 8 methods × 2 base paths, all of which the count must see.
            Assert.Equal(100 * 8 * 2, spec.Operations.Count);
        }
        else
        {
            // The count is an upper bound of what the reader builds from a path reference, never below it.
            Assert.InRange(spec.Operations.Count, 1, 101 * 8 * 2);
        }
    }

    [Fact]
    public void Referenced_path_items_under_many_relative_servers_are_refused_by_the_default_budget()
    {
        // The reviewer's shape (300 servers × 20,000 references took 8.4 GB) at 250 references: 2,000 operations
        // reachable under 300 base paths is 600,000, past the 500,000 operations default (and the 400,000
        // servers × operations default); before, they were counted as none.
        var e = AssertRefused(HostileSpecs.ReferencedPathItems(300, 250, "components"), nameof(SpecBudget.MaxOperations),
            new SpecBudget { MaxServerOperationProduct = long.MaxValue });
        AssertRefused(HostileSpecs.ReferencedPathItems(300, 250, "components"), nameof(SpecBudget.MaxServerOperationProduct));
        Assert.Contains("base path", e.Message, StringComparison.Ordinal);
        AssertRefused(HostileSpecs.ReferencedPathItems(300, 250, "paths"), nameof(SpecBudget.MaxServerOperationProduct),
            new SpecBudget { MaxServerOperationProduct = 100_000 });
    }

    [Fact]
    public void Path_item_reference_cycles_are_counted_once_and_long_chains_refused()
    {
        var cycle = ApiSpec.Parse(HostileSpecs.PathItemChain(3), "cycle.json");
        Assert.True(cycle.Operations.Count <= 1);

        AssertRefused(HostileSpecs.PathItemChain(SpecBudget.Default.MaxNestingDepth + 10), nameof(SpecBudget.MaxNestingDepth));
    }

    [Fact]
    public void The_reducer_stops_operations_at_the_budget_as_they_are_produced()
    {
        // The second line of defence: a reducer told of no operations (as the tree count once was for references)
        // still refuses the 11th operation, before building it.
        var model = new Microsoft.OpenApi.OpenApiDocument { Paths = [] };
        for (var i = 0; i < 20; i++)
        {
            model.Paths.Add("/p" + i, new Microsoft.OpenApi.OpenApiPathItem
            {
                Operations = new() { [System.Net.Http.HttpMethod.Get] = new Microsoft.OpenApi.OpenApiOperation { Responses = [] } },
            });
        }

        var reducer = new SpecReducer("reducer", new SpecBudget { MaxOperations = 10 }, new SpecWarnings(10), declaredOperations: 0);
        var e = Assert.Throws<SpecException>(() => reducer.Add(model));
        Assert.Equal(nameof(SpecBudget.MaxOperations), e.Budget);
    }

    [Theory]
    [InlineData("allOf")]
    [InlineData("oneOf")]
    [InlineData("anyOf")]
    public void Wide_compositions_are_refused_on_the_tree(string keyword)
    {
        // 1.5 M empty entries (4.5 MB) took 1.27 GB of model; 2,000 show the bound.
        var e = AssertRefused(HostileSpecs.WideSchema(SpecBudget.Default.MaxCompositionEntries + 1, keyword), nameof(SpecBudget.MaxCompositionEntries));
        Assert.Contains(keyword, e.Message, StringComparison.Ordinal);
        Assert.NotNull(ApiSpec.Parse(HostileSpecs.WideSchema(SpecBudget.Default.MaxCompositionEntries, keyword), keyword + ".json"));
    }

    [Theory]
    [InlineData("properties")]
    [InlineData("allOf")]
    public void Schema_objects_have_a_budget_checked_before_the_model_is_built(string keyword)
    {
        var budget = new SpecBudget { MaxSchemaObjects = 500 };

        AssertRefused(HostileSpecs.WideSchema(600, keyword), nameof(SpecBudget.MaxSchemaObjects), budget);
        Assert.NotNull(ApiSpec.Parse(HostileSpecs.WideSchema(400, keyword), keyword + ".json", budget));
    }

    [Fact]
    public void The_default_schema_object_budget_refuses_many_small_schemas()
    {
        // 1,024 schemas of 300 properties each: 307,200 schema objects in 2.8 MB, within MaxNodes.
        var builder = new System.Text.StringBuilder("""{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{""");
        for (var s = 0; s < 1_024; s++)
        {
            builder.Append(s == 0 ? "" : ",").Append("\"S").Append(s).Append("\":{\"properties\":{");
            for (var p = 0; p < 300; p++)
            {
                builder.Append(p == 0 ? "" : ",").Append("\"p").Append(p).Append("\":{}");
            }

            builder.Append("}}");
        }

        AssertRefused(builder.Append("}}}").ToString(), nameof(SpecBudget.MaxSchemaObjects));
    }

    [Fact]
    public void Flow_style_yaml_that_opens_with_a_brace_loads()
    {
        const string text = "{openapi: 3.0.0, info: {title: t, version: \"1\"}, paths: {/a: {get: {responses: {'200': {description: ok}}}}}}";

        Assert.Equal("t", ApiSpec.Parse(text, "flow.yaml").Title);
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, text);
            Assert.Single(ApiSpec.Load(file).Operations);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{openapi: 3.0.0, info: [")]
    [InlineData("{\"openapi\": \"3.0.0\", \"info\": {]")]
    public void A_brace_document_that_is_neither_json_nor_yaml_reports_the_yaml_error(string text)
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse(text, "broken"));
        Assert.Contains("YAML syntax error", e.Message, StringComparison.Ordinal);
        Assert.Null(e.Budget);
    }

    [Fact]
    public void A_budget_refusal_of_json_is_not_retried_as_yaml() =>
        AssertRefused(HostileSpecs.JsonNesting(50_000, objects: true), nameof(SpecBudget.MaxNestingDepth));

    private static SpecException AssertRefused(string text, string budgetName, SpecBudget? budget = null)
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse(text, "hostile", budget ?? SpecBudget.Default));
        Assert.Equal(budgetName, e.Budget);
        Assert.Contains(budgetName, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    private static string Nested(string shape, int depth) => shape switch
    {
        "flow-[" => HostileSpecs.FlowNesting(depth),
        "flow-{" => HostileSpecs.FlowNesting(depth, '{'),
        "block" => HostileSpecs.BlockNesting(depth),
        "json-arrays" => HostileSpecs.JsonNesting(depth, objects: false),
        _ => HostileSpecs.JsonNesting(depth, objects: true),
    };
}
