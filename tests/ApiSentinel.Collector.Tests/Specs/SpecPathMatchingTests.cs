using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Tests.Specs;

/// <summary>
/// How real spec paths are matched once a spec is loaded: the templater's spec trie (which template a call is keyed
/// under) and the spec index (which operation it is, or shadow) must agree on embedded placeholders, literal
/// precedence and server forms found in public API descriptions (bench/run-accuracy.sh measures them at scale).
/// </summary>
public sealed class SpecPathMatchingTests
{
    private const string Host = "api.example.test";

    private static PathTemplater WithSpec(params string[] templates)
    {
        var templater = new PathTemplater(new TemplatingOptions());
        templater.UseSpecTemplates(Host, templates);
        return templater;
    }

    [Fact]
    public void Custom_method_suffix_beats_the_plain_placeholder_whatever_the_declaration_order()
    {
        foreach (var templates in (string[][])[
            ["/v2/{name}", "/v2/{name}:cancel", "/v2/{parent}:search"],
            ["/v2/{parent}:search", "/v2/{name}:cancel", "/v2/{name}"]])
        {
            var templater = WithSpec(templates);

            Assert.Equal("/v2/{name}:cancel", templater.Resolve(Host, "/v2/op-77:cancel").Template);
            Assert.Equal("/v2/{parent}:search", templater.Resolve(Host, "/v2/shelf-3:search").Template);
            Assert.Equal("/v2/{name}", templater.Resolve(Host, "/v2/op-77").Template);
            Assert.Equal("spec", templater.Resolve(Host, "/v2/op-77:cancel").Reason);
        }
    }

    [Fact]
    public void A_spec_template_resolves_to_itself()
    {
        var templater = WithSpec("/v2/{name}", "/v2/{name}:cancel", "/files/{file}.json", "/files/{id}");

        Assert.Equal("/v2/{name}:cancel", templater.Resolve(Host, "/v2/{name}:cancel").Template);
        Assert.Equal("/v2/{name}", templater.Resolve(Host, "/v2/{name}").Template);
        Assert.Equal("/files/{file}.json", templater.Resolve(Host, "/files/{file}.json").Template);
        Assert.Equal("/files/{id}", templater.Resolve(Host, "/files/{id}").Template);
    }

    [Fact]
    public void Longer_fixed_text_wins_among_embedded_placeholders_and_a_bare_suffix_is_no_value()
    {
        var templater = WithSpec("/files/{name}.json", "/files/{name}.tar.gz", "/files/{name}.gz", "/files/{id}");

        Assert.Equal("/files/{name}.tar.gz", templater.Resolve(Host, "/files/backup.tar.gz").Template);
        Assert.Equal("/files/{name}.gz", templater.Resolve(Host, "/files/backup.gz").Template);
        Assert.Equal("/files/{name}.json", templater.Resolve(Host, "/files/report.json").Template);
        Assert.Equal("/files/{id}", templater.Resolve(Host, "/files/.json").Template);
        Assert.Equal("/files/{id}", templater.Resolve(Host, "/files/8812").Template);
    }

    [Fact]
    public void Prefix_placeholders_and_backtracking_through_an_embedded_branch()
    {
        var templater = WithSpec("/api/v{major}/status", "/api/{section}/items");

        Assert.Equal("/api/v{major}/status", templater.Resolve(Host, "/api/v2/status").Template);
        // "v2" fits v{major}, but only {section} continues to "items".
        Assert.Equal("/api/{section}/items", templater.Resolve(Host, "/api/v2/items").Template);
    }

    [Fact]
    public void Percent_encoded_literal_matches_the_literal()
    {
        var templater = WithSpec("/odata/$metadata", "/odata/{entity}", "/users/me", "/users/{id}");

        Assert.Equal("/odata/$metadata", templater.Resolve(Host, "/odata/%24metadata").Template);
        Assert.Equal("/users/me", templater.Resolve(Host, "/users/me").Template);
        Assert.Equal("/users/{id}", templater.Resolve(Host, "/users/8812").Template);
    }

    [Fact]
    public void Spec_index_agrees_on_custom_methods()
    {
        var index = new SpecIndex();
        index.Add(ApiSpec.Parse(
            """
            openapi: 3.0.3
            info: { title: custom methods, version: "1" }
            servers: [{ url: "https://api.example.test" }]
            paths:
              /v2/{name}:
                post: { operationId: update, responses: { "200": { description: ok } } }
              /v2/{name}:cancel:
                post: { operationId: cancel, responses: { "200": { description: ok } } }
            """, "custom.yaml"));

        Assert.Equal("cancel", index.Match(Host, "POST", "/v2/op-77:cancel")?.OperationId);
        Assert.Equal("cancel", index.Match(Host, "POST", "/v2/{name}:cancel")?.OperationId);
        Assert.Equal("update", index.Match(Host, "POST", "/v2/op-77")?.OperationId);
    }

    [Fact]
    public void Scheme_relative_server_names_its_host_and_base_path()
    {
        var spec = ApiSpec.Parse(
            """
            openapi: 3.0.3
            info: { title: scheme-relative, version: "1" }
            servers: [{ url: "//budget.example.test/2.0" }]
            paths:
              /accounts/{id}:
                get: { operationId: account, responses: { "200": { description: ok } } }
            """, "relative.yaml");

        Assert.Equal(["budget.example.test"], spec.Hosts);
        Assert.Equal(["/2.0"], spec.BasePaths);
        var index = new SpecIndex();
        index.Add(spec);
        Assert.Equal("account", index.Match("budget.example.test", "GET", "/2.0/accounts/12")?.OperationId);
    }

    [Fact]
    public void Templated_server_path_takes_the_variable_default()
    {
        var spec = ApiSpec.Parse(
            """
            openapi: 3.0.3
            info: { title: templated, version: "1" }
            servers:
              - url: "http://api.example.test/{basePath}"
                variables: { basePath: { default: v3 } }
            paths:
              /items:
                get: { operationId: items, responses: { "200": { description: ok } } }
            """, "templated.yaml");

        var index = new SpecIndex();
        index.Add(spec);
        Assert.Equal("items", index.Match(Host, "GET", "/v3/items")?.OperationId);
    }
}
