using ApiSentinel.Collector.Specs;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace ApiSentinel.Collector.Tests.Specs;

public sealed class OpenApiReconstructorTests
{
    private static ReconstructedEndpoint[] Endpoints() =>
    [
        new("api.example.com", "GET", "/users/{id}",
            SpecFixtures.Shape(
                query: new() { ["fields"] = ["string"], ["limit"] = ["integer"], ["ratio"] = ["integer", "number"] },
                headers: ["accept", "authorization", "x-tenant"],
                statuses: [200, 404],
                responseFields: new()
                {
                    ["$.id"] = ["uuid"], ["$.email"] = ["email"], ["$.nickname"] = ["string", "null"],
                    ["$.roles"] = ["array"], ["$.roles[*]"] = ["string"], ["$.orders[*].total"] = ["number"],
                },
                auth: ["jwt"]),
            null, "application/json; charset=utf-8", Authenticated: true),
        new("api.example.com", "POST", "/users",
            SpecFixtures.Shape(statuses: [201, 400], requestFields: new() { ["$.name"] = ["string"], ["$.age"] = ["integer"] }, auth: ["basic", "api-key"]),
            "application/json", "application/json", Authenticated: true),
        new("legacy.example.com:8080", "GET", "/status", SpecFixtures.Shape(), null, null, Authenticated: false),
        new("legacy.example.com:8080", "BREW", "/coffee", SpecFixtures.Shape(statuses: [418]), null, null, Authenticated: false),
    ];

    [Fact]
    public void Document_reads_back_with_microsoft_openapi_without_errors_or_warnings()
    {
        var json = OpenApiReconstructor.ToJson(Endpoints(), "Observed API");

        var result = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());

        Assert.NotNull(result.Document);
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Empty(result.Diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic.SpecificationVersion);
        Assert.Equal("Observed API", result.Document!.Info.Title);
    }

    [Fact]
    public void Reloaded_document_has_the_same_operations_and_shapes()
    {
        var spec = ApiSpec.Parse(OpenApiReconstructor.ToJson(Endpoints(), "Observed API"), "reconstructed.json");

        // BREW is not an OpenAPI method and is left out.
        Assert.Equal(["GET /status", "GET /users/{id}", "POST /users"],
            spec.Operations.Select(o => o.Method + " " + o.PathTemplate).Order(StringComparer.Ordinal));
        Assert.Equal(["api.example.com", "legacy.example.com:8080"], spec.Hosts.Order(StringComparer.Ordinal));

        var get = SpecFixtures.Operation(spec, "GET", "/users/{id}");
        Assert.Contains(new SpecParameter("id", "path", true, "string", null), get.Parameters);
        Assert.Contains(new SpecParameter("limit", "query", false, "integer", null), get.Parameters);
        Assert.Contains(new SpecParameter("ratio", "query", false, "number", null), get.Parameters);
        Assert.Contains(new SpecParameter("x-tenant", "header", false, "string", null), get.Parameters);
        Assert.DoesNotContain(get.Parameters, p => p.Name is "accept" or "authorization");
        Assert.True(get.ResponseStatuses.SetEquals(["200", "404"]));
        Assert.Equal("string:uuid", get.ResponseFields["$.id"]);
        Assert.Equal("string:email", get.ResponseFields["$.email"]);
        Assert.Equal("string|null", get.ResponseFields["$.nickname"]);
        Assert.Equal("string", get.ResponseFields["$.roles[*]"]);
        Assert.Equal("number", get.ResponseFields["$.orders[*].total"]);
        Assert.Equal(["bearer"], get.SecuritySchemes);

        var post = SpecFixtures.Operation(spec, "POST", "/users");
        Assert.Equal("integer", post.RequestFields["$.age"]);
        Assert.Equal(["api-key", "basic"], post.SecuritySchemes.Order(StringComparer.Ordinal));
        Assert.Equal(["default"], SpecFixtures.Operation(spec, "GET", "/status").ResponseStatuses);
    }

    [Fact]
    public void Observed_traffic_conforms_to_its_own_reconstruction()
    {
        var endpoints = Endpoints();
        var index = new SpecIndex();
        index.Add(ApiSpec.Parse(OpenApiReconstructor.ToJson(endpoints, "Observed API"), "reconstructed.json"));
        var checker = new ConformanceChecker();

        foreach (var endpoint in endpoints.Where(e => e.Method != "BREW"))
        {
            var operation = index.Match(endpoint.Host, endpoint.Method, endpoint.PathTemplate);
            Assert.NotNull(operation);
            Assert.Empty(checker.Check(operation, endpoint.Shape));
        }
    }

    [Fact]
    public void Output_is_deterministic_regardless_of_input_order()
    {
        var endpoints = Endpoints();

        Assert.Equal(
            OpenApiReconstructor.ToJson(endpoints, "T"),
            OpenApiReconstructor.ToJson(endpoints.Reverse(), "T"));
    }

    [Theory]
    [InlineData("integer", "integer", null)]
    [InlineData("uuid", "string", "uuid")]
    [InlineData("integer|word", "string", null)] // some ids were words: integer would reject them
    [InlineData("word", "string", null)]
    [InlineData("spec", "string", null)]
    [InlineData(null, "string", null)]
    public void Path_parameters_are_typed_by_the_value_class_seen(string? valueClass, string type, string? format)
    {
        var endpoint = new ReconstructedEndpoint("api.example.com", "GET", "/orders/{orderId}", SpecFixtures.Shape(statuses: [200]), null, null, false)
        {
            PathParameterClasses = valueClass is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["orderId"] = valueClass },
        };
        var json = System.Text.Json.Nodes.JsonNode.Parse(OpenApiReconstructor.ToJson([endpoint], "t"))!;
        var schema = json["paths"]!["/orders/{orderId}"]!["get"]!["parameters"]![0]!["schema"]!;
        Assert.Equal(type, schema["type"]!.GetValue<string>());
        Assert.Equal(format, schema["format"]?.GetValue<string>());
        Assert.Empty(OpenApiDocument.Parse(json.ToJsonString(), "json", new OpenApiReaderSettings()).Diagnostic!.Errors);
    }

    [Fact]
    public void Strings_of_digits_stay_strings_beside_integers()
    {
        var endpoint = new ReconstructedEndpoint("api.example.com", "GET", "/addresses",
            SpecFixtures.Shape(statuses: [200], responseFields: new() { ["$.zip"] = ["string"], ["$.count"] = ["integer"] }), null, "application/json", false);
        var json = System.Text.Json.Nodes.JsonNode.Parse(OpenApiReconstructor.ToJson([endpoint], "t"))!;
        var properties = json["paths"]!["/addresses"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!;
        Assert.Equal("string", properties["zip"]!["type"]!.GetValue<string>());
        Assert.Equal("integer", properties["count"]!["type"]!.GetValue<string>());
    }
}
