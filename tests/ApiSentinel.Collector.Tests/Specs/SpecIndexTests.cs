using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Tests.Specs;

public sealed class SpecIndexTests
{
    private static SpecIndex Petstore()
    {
        var index = new SpecIndex();
        index.Add(SpecFixtures.Load("petstore-3.0.yaml"));
        return index;
    }

    [Fact]
    public void Literal_segment_beats_parameter()
    {
        var index = Petstore();

        Assert.Equal("myPets", index.Match("petstore.example.com", "GET", "/v1/pets/mine")?.OperationId);
        Assert.Equal("showPetById", index.Match("petstore.example.com", "GET", "/v1/pets/42")?.OperationId);
    }

    [Fact]
    public void Base_path_is_required_and_method_must_match()
    {
        var index = Petstore();

        Assert.Null(index.Match("petstore.example.com", "GET", "/pets/42"));
        Assert.Null(index.Match("petstore.example.com", "DELETE", "/v1/pets/42"));
        Assert.Equal("createPet", index.Match("petstore.example.com", "post", "/v1/pets")?.OperationId);
    }

    [Fact]
    public void Trailing_slash_and_query_are_ignored_but_case_matters_in_paths()
    {
        var index = Petstore();

        Assert.Equal("listPets", index.Match("petstore.example.com", "GET", "/v1/pets/")?.OperationId);
        Assert.Equal("listPets", index.Match("petstore.example.com", "GET", "/v1/pets?limit=3")?.OperationId);
        Assert.Null(index.Match("petstore.example.com", "GET", "/v1/PETS"));
        Assert.Null(index.Match("petstore.example.com", "GET", "/v1//pets"));
    }

    [Fact]
    public void Template_input_matches_parameter_segments_only()
    {
        var index = Petstore();

        Assert.Equal("showPetById", index.Match("petstore.example.com", "GET", "/v1/pets/{id}")?.OperationId);
        Assert.NotEqual("myPets", index.Match("petstore.example.com", "GET", "/v1/pets/{id}")?.OperationId);
    }

    [Fact]
    public void Host_coverage_is_case_insensitive_and_port_agnostic_for_portless_hosts()
    {
        var index = Petstore();

        Assert.True(index.Covers("petstore.example.com"));
        Assert.True(index.Covers("PetStore.Example.com:8443"));
        Assert.False(index.Covers("other.example.com"));
        Assert.Null(index.Match("other.example.com", "GET", "/v1/pets"));
    }

    [Fact]
    public void Host_with_port_covers_only_that_port()
    {
        var index = new SpecIndex();
        index.Add(SpecFixtures.Load("legacy-2.0.yaml"));

        Assert.True(index.Covers("inventory.example.com:8080"));
        Assert.False(index.Covers("inventory.example.com"));
        Assert.False(index.Covers("inventory.example.com:9090"));
    }

    [Fact]
    public void Configured_hosts_extend_spec_hosts_and_bind_hostless_specs()
    {
        var relative = ApiSpec.Parse("""
            {"openapi":"3.0.3","info":{"title":"R","version":"1"},"servers":[{"url":"/api"}],
             "paths":{"/users/{id}":{"get":{"responses":{"200":{"description":"ok"}}}}}}
            """, "relative.json");
        var index = new SpecIndex();
        index.Add(relative);
        Assert.False(index.Covers("users.internal"));
        Assert.Single(index.UnboundSpecs);

        index.Add(relative, ["Users.Internal"]);
        index.Add(SpecFixtures.Load("petstore-3.0.yaml"), ["pets.internal"]);

        Assert.True(index.Covers("users.internal"));
        Assert.NotNull(index.Match("users.internal", "GET", "/api/users/7"));
        Assert.True(index.Covers("pets.internal"));
        Assert.True(index.Covers("petstore.example.com"));
    }

    [Fact]
    public void Templates_for_a_host_and_all_operations()
    {
        var index = Petstore();

        Assert.Equal(["/v1/pets", "/v1/pets/mine", "/v1/pets/{petId}"], index.TemplatesFor("petstore.example.com").Order(StringComparer.Ordinal));
        Assert.Empty(index.TemplatesFor("elsewhere"));
        Assert.Equal(4, index.AllOperations.Count);
        Assert.All(index.AllOperations, entry => Assert.Equal("petstore.example.com", entry.Host));
    }

    [Fact]
    public void Embedded_parameter_segment_ranks_between_literal_and_parameter()
    {
        var spec = ApiSpec.Parse("""
            {"openapi":"3.0.3","info":{"title":"E","version":"1"},"servers":[{"url":"http://e.test"}],
             "paths":{
               "/files/{name}":      {"get":{"operationId":"plain","responses":{"200":{"description":"ok"}}}},
               "/files/{name}.json": {"get":{"operationId":"embedded","responses":{"200":{"description":"ok"}}}},
               "/files/index.json":  {"get":{"operationId":"literal","responses":{"200":{"description":"ok"}}}}}}
            """, "embedded.json");
        var index = new SpecIndex();
        index.Add(spec);

        Assert.Equal("literal", index.Match("e.test", "GET", "/files/index.json")?.OperationId);
        Assert.Equal("embedded", index.Match("e.test", "GET", "/files/report.json")?.OperationId);
        Assert.Equal("plain", index.Match("e.test", "GET", "/files/report.csv")?.OperationId);
    }

    [Fact]
    public void First_differing_segment_decides_precedence()
    {
        var spec = ApiSpec.Parse("""
            {"openapi":"3.0.3","info":{"title":"P","version":"1"},"servers":[{"url":"http://p.test"}],
             "paths":{
               "/users/{id}/profile": {"get":{"operationId":"profile","responses":{"200":{"description":"ok"}}}},
               "/users/me/{section}": {"get":{"operationId":"mine","responses":{"200":{"description":"ok"}}}}}}
            """, "precedence.json");
        var index = new SpecIndex();
        index.Add(spec);

        Assert.Equal("mine", index.Match("p.test", "GET", "/users/me/profile")?.OperationId);
        Assert.Equal("profile", index.Match("p.test", "GET", "/users/42/profile")?.OperationId);
    }
}
