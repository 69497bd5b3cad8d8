using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Cli.Tests.Bench;

/// <summary>The published copies keep each server's base path: the variables that are not path stay templated.</summary>
public sealed class ServerUrlTests
{
    [Fact]
    public void A_base_path_variable_glued_to_the_authority_is_substituted()
    {
        var variables = JsonNode.Parse("""{"basePath": {"default": "/commerce/catalog/v1_beta"}}""")!.AsObject();

        var url = ServerUrl.SubstituteAuthority("https://api.ebay.com{basePath}", variables);

        Assert.Equal("/commerce/catalog/v1_beta", ServerUrl.PathOf(url));
    }

    [Fact]
    public void A_path_variable_after_a_slash_stays_templated()
    {
        var variables = JsonNode.Parse("""{"version": {"default": "/v2"}, "region": {"default": "eu"}}""")!.AsObject();

        var url = ServerUrl.SubstituteAuthority("https://{region}.x.com/{version}", variables);

        Assert.Equal("https://{region}.x.com/{version}", url);
        Assert.Equal("/{version}", ServerUrl.PathOf(url));
    }

    [Fact]
    public void An_authority_variable_is_substituted()
    {
        var variables = JsonNode.Parse("""{"Endpoint": {"default": "https://westus.api.example.com"}}""")!.AsObject();

        Assert.Equal("/vision/v1.0", ServerUrl.PathOf(ServerUrl.SubstituteAuthority("{Endpoint}/vision/v1.0", variables)));
    }
}
