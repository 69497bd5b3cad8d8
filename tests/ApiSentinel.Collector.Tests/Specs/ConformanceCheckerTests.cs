using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Specs;

public sealed class ConformanceCheckerTests
{
    private static readonly ApiSpec Petstore = SpecFixtures.Load("petstore-3.0.yaml");
    private static readonly ApiSpec Shop = SpecFixtures.Load("shop-3.1.json");
    private static readonly ConformanceChecker Checker = new();

    private static SpecOperation ListPets => SpecFixtures.Operation(Petstore, "GET", "/v1/pets");

    private static SpecOperation CreateOrder => SpecFixtures.Operation(Shop, "POST", "/api/orders");

    [Fact]
    public void Conformant_traffic_has_no_violations()
    {
        var observed = SpecFixtures.Shape(
            query: new() { ["limit"] = ["integer"], ["tag"] = ["string", "integer"] },
            headers: ["x-tenant", "accept", "user-agent", "sec-fetch-mode", "x-forwarded-for"],
            statuses: [200, 500],
            responseFields: new() { ["$"] = ["array"], ["$[*].id"] = ["integer"], ["$[*].name"] = ["string"], ["$[*].tag"] = ["string", "null"] });

        Assert.Empty(Checker.Check(ListPets, observed));
    }

    [Fact]
    public void Undocumented_query_parameter()
    {
        var violations = Checker.Check(ListPets, SpecFixtures.Shape(query: new() { ["debug"] = ["boolean"] }, headers: ["x-tenant"]));

        var v = Assert.Single(violations);
        Assert.Equal((ViolationKinds.UndocumentedQueryParameter, "query:debug"), (v.Kind, v.Subject));
    }

    [Fact]
    public void Api_key_query_parameter_of_a_security_scheme_is_documented()
    {
        var list = SpecFixtures.Operation(SpecFixtures.Load("legacy-2.0.yaml"), "GET", "/inv/items");

        Assert.Empty(Checker.Check(list, SpecFixtures.Shape(query: new() { ["api_key"] = ["string"], ["page"] = ["integer"] }, auth: ["api-key"])));
    }

    [Fact]
    public void Undocumented_header_only_for_non_standard_headers()
    {
        var violations = Checker.Check(ListPets, SpecFixtures.Shape(headers: ["X-Tenant", "x-debug-mode", "cookie", "traceparent", "content-type"]));

        var v = Assert.Single(violations);
        Assert.Equal((ViolationKinds.UndocumentedHeader, "header:x-debug-mode"), (v.Kind, v.Subject));
    }

    [Fact]
    public void Api_key_header_of_a_security_scheme_is_documented()
    {
        var legacy = SpecFixtures.Operation(Shop, "GET", "/api/legacy/orders");

        Assert.Empty(Checker.Check(legacy, SpecFixtures.Shape(headers: ["x-api-key"], statuses: [200], auth: ["api-key"])));
    }

    [Fact]
    public void Missing_required_header_only_when_always_absent()
    {
        var violations = Checker.Check(ListPets, SpecFixtures.Shape(statuses: [200]));

        var v = Assert.Single(violations);
        Assert.Equal((ViolationKinds.MissingRequiredParameter, "header:x-tenant"), (v.Kind, v.Subject));
        Assert.Empty(Checker.Check(ListPets, SpecFixtures.Shape(headers: ["X-TENANT"])));
    }

    [Fact]
    public void Missing_required_query_parameter()
    {
        var spec = ApiSpec.Parse("""
            {"openapi":"3.0.3","info":{"title":"Q","version":"1"},
             "paths":{"/search":{"get":{"parameters":[{"name":"q","in":"query","required":true,"schema":{"type":"string"}}],
                                        "responses":{"200":{"description":"ok"}}}}}}
            """, "q.json");
        var search = spec.Operations.Single();

        Assert.Equal(ViolationKinds.MissingRequiredParameter, Assert.Single(Checker.Check(search, SpecFixtures.Shape())).Kind);
        Assert.Empty(Checker.Check(search, SpecFixtures.Shape(query: new() { ["q"] = ["string"] })));
    }

    [Fact]
    public void Undocumented_status_respects_ranges_and_default()
    {
        var create = SpecFixtures.Operation(Petstore, "POST", "/v1/pets");
        var show = SpecFixtures.Operation(Petstore, "GET", "/v1/pets/{petId}");

        Assert.Empty(Checker.Check(create, SpecFixtures.Shape(statuses: [201, 400, 422])));
        var v = Assert.Single(Checker.Check(create, SpecFixtures.Shape(statuses: [201, 500])));
        Assert.Equal((ViolationKinds.UndocumentedStatus, "500"), (v.Kind, v.Subject));
        Assert.Equal(["201", "4XX"], v.Evidence.Replace("spec declares ", "", StringComparison.Ordinal).Split(", "));
        Assert.Equal(["500"], Checker.Check(show, SpecFixtures.Shape(statuses: [200, 404, 500])).Select(x => x.Subject));
        // "default" documents every status.
        Assert.Empty(Checker.Check(ListPets, SpecFixtures.Shape(headers: ["x-tenant"], statuses: [418])));
    }

    [Fact]
    public void Undocumented_request_field_is_reported_once_for_its_subtree()
    {
        var violations = Checker.Check(CreateOrder, SpecFixtures.Shape(
            headers: ["authorization"],
            statuses: [201],
            requestFields: new()
            {
                ["$.id"] = ["uuid"],
                ["$.lines[*].sku"] = ["string"],
                ["$.lines[*].price.amount"] = ["integer"],
                ["$.coupon"] = ["object"],
                ["$.coupon.code"] = ["string"],
                ["$.coupon.percent"] = ["integer"],
            },
            auth: ["jwt"]));

        var v = Assert.Single(violations);
        Assert.Equal((ViolationKinds.UndocumentedRequestField, "$.coupon"), (v.Kind, v.Subject));
    }

    [Fact]
    public void Map_entries_free_form_and_recursive_fields_are_documented()
    {
        var violations = Checker.Check(CreateOrder, SpecFixtures.Shape(
            requestFields: new()
            {
                ["$.metadata.campaign"] = ["string"],
                ["$.metadata.channel"] = ["string"],
                ["$.extra.anything.goes"] = ["integer"],
                ["$.category.parent.parent.name"] = ["string"],
                ["$.lines[0].quantity"] = ["integer"],
            }));

        Assert.Empty(violations);
    }

    [Fact]
    public void Undocumented_response_field()
    {
        var violations = Checker.Check(ListPets, SpecFixtures.Shape(headers: ["x-tenant"],
            responseFields: new() { ["$[*].id"] = ["integer"], ["$[*].ownerEmail"] = ["email"] }));

        var v = Assert.Single(violations);
        Assert.Equal((ViolationKinds.UndocumentedResponseField, "$[*].ownerEmail"), (v.Kind, v.Subject));
        Assert.Contains("email", v.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_body_where_the_spec_declares_none_is_undocumented_but_an_unspecified_response_body_is_not()
    {
        var mine = SpecFixtures.Operation(Petstore, "GET", "/v1/pets/mine");

        // The spec describes this response by description only: it says nothing a response field could contradict.
        Assert.Empty(Checker.Check(mine, SpecFixtures.Shape(responseFields: new() { ["$.secret"] = ["string"] })));
        var v = Assert.Single(Checker.Check(mine, SpecFixtures.Shape(requestFields: new() { ["$.secret"] = ["string"] })));
        Assert.Contains("no request body schema", v.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_mismatch_on_fields_and_parameters()
    {
        var violations = Checker.Check(ListPets, SpecFixtures.Shape(
            query: new() { ["limit"] = ["integer", "string"] },
            headers: ["x-tenant"],
            responseFields: new() { ["$[*].id"] = ["number"], ["$[*].name"] = ["string"], ["$[*].tag"] = ["null"] }));

        Assert.Equal(
            [(ViolationKinds.TypeMismatch, "$[*].id"), (ViolationKinds.TypeMismatch, "query:limit")],
            violations.Select(v => (v.Kind, v.Subject)));
        Assert.Equal("seen as string; spec type integer:int32", violations[1].Evidence);
    }

    [Fact]
    public void Null_fits_only_nullable_fields()
    {
        var create = SpecFixtures.Operation(Petstore, "POST", "/v1/pets");

        var v = Assert.Single(Checker.Check(create, SpecFixtures.Shape(requestFields: new() { ["$.name"] = ["null"], ["$.tag"] = ["null"] })));
        Assert.Equal((ViolationKinds.TypeMismatch, "$.name"), (v.Kind, v.Subject));
    }

    [Fact]
    public void Undocumented_auth_kinds()
    {
        var reports = SpecFixtures.Operation(Shop, "GET", "/api/admin/reports");

        Assert.Empty(Checker.Check(reports, SpecFixtures.Shape(statuses: [200], auth: ["basic", "bearer", "jwt", "none"])));
        var v = Assert.Single(Checker.Check(reports, SpecFixtures.Shape(statuses: [200], auth: ["api-key"])));
        Assert.Equal((ViolationKinds.UndocumentedAuth, "api-key"), (v.Kind, v.Subject));
        Assert.Equal("spec accepts basic, oauth2", v.Evidence);
    }

    [Fact]
    public void A_mutual_tls_scheme_documents_mtls_calls()
    {
        // One name for mutual TLS: the spec's mutualTLS scheme and the auth kind a TLS-terminating source reports.
        const string spec = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},"servers":[{"url":"https://api.example.com"}],
             "components":{"securitySchemes":{"peer":{"type":"mutualTLS"}}},
             "paths":{"/orders":{"get":{"security":[{"peer":[]}],"responses":{"200":{"description":"ok"}}}}}}
            """;
        var orders = SpecFixtures.Operation(ApiSpec.Parse(spec, "mtls.json"), "GET", "/orders");

        Assert.Equal([AuthKinds.Mtls], orders.SecuritySchemes);
        Assert.Empty(Checker.Check(orders, SpecFixtures.Shape(statuses: [200], auth: [AuthKinds.Mtls])));
        var v = Assert.Single(Checker.Check(orders, SpecFixtures.Shape(statuses: [200], auth: [AuthKinds.Basic])));
        Assert.Equal("spec accepts mtls", v.Evidence);
    }

    [Fact]
    public void A_spec_silent_on_security_gives_no_auth_verdict()
    {
        Assert.Empty(Checker.Check(ListPets, SpecFixtures.Shape(headers: ["x-tenant"], auth: ["basic"])));
    }

    [Fact]
    public void Violations_are_sorted_by_kind_then_subject()
    {
        // missing-required-parameter sorts before undocumented-header.
        var violations = Checker.Check(ListPets, SpecFixtures.Shape(
            query: new() { ["z"] = ["string"], ["a"] = ["string"] },
            headers: ["x-b", "x-a"]));

        Assert.Equal(
            ["header:x-tenant", "header:x-a", "header:x-b", "query:a", "query:z"],
            violations.Select(v => v.Subject));
    }

    [Theory]
    [InlineData("integer", "number", false, true)]
    [InlineData("number", "integer", false, false)]
    [InlineData("uuid", "string:uuid", false, true)]
    [InlineData("date", "string", false, true)]
    [InlineData("email", "string", false, true)]
    [InlineData("date-time", "string:date-time", false, true)]
    [InlineData("integer", "string", false, false)]
    [InlineData("integer", "string", true, true)]
    [InlineData("boolean", "integer", true, false)]
    [InlineData("null", "string|null", false, true)]
    [InlineData("null", "string", false, false)]
    [InlineData("empty", "string", false, true)]
    [InlineData("object", "array", false, false)]
    [InlineData("string", "array", true, true)]
    [InlineData("object", "any", false, true)]
    [InlineData("string", "integer|string", false, true)]
    public void Kind_compatibility(string kind, string type, bool textual, bool fits)
    {
        Assert.Equal(fits, KindCompatibility.Fits(kind, type, textual));
    }
}
