using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Tests.Specs;

public sealed class ApiSpecLoadingTests
{
    [Fact]
    public void Petstore_yaml_3_0_is_reduced_to_operations_with_base_path_and_host()
    {
        var spec = SpecFixtures.Load("petstore-3.0.yaml");

        Assert.Equal("Petstore", spec.Title);
        Assert.Equal("1.0", spec.Version);
        Assert.Equal(["petstore.example.com"], spec.Hosts);
        Assert.Equal(["/v1"], spec.BasePaths);
        Assert.Equal(
            ["GET /v1/pets", "GET /v1/pets/mine", "GET /v1/pets/{petId}", "POST /v1/pets"],
            spec.Operations.Select(o => o.Method + " " + o.PathTemplate).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Petstore_parameters_keep_location_requirement_and_type()
    {
        var spec = SpecFixtures.Load("petstore-3.0.yaml");
        var list = SpecFixtures.Operation(spec, "GET", "/v1/pets");
        var show = SpecFixtures.Operation(spec, "GET", "/v1/pets/{petId}");

        Assert.Contains(new SpecParameter("limit", "query", false, "integer:int32", "int32"), list.Parameters);
        Assert.Contains(new SpecParameter("X-Tenant", "header", true, "string", null), list.Parameters);
        // Path-level parameter inherited by the operation.
        Assert.Contains(new SpecParameter("petId", "path", true, "integer", null), show.Parameters);
        Assert.Equal("listPets", list.OperationId);
        Assert.True(list.ResponseStatuses.SetEquals(["200", "default"]));
    }

    [Fact]
    public void Petstore_fields_follow_refs_allOf_arrays_and_nullable()
    {
        var spec = SpecFixtures.Load("petstore-3.0.yaml");
        var list = SpecFixtures.Operation(spec, "GET", "/v1/pets");
        var create = SpecFixtures.Operation(spec, "POST", "/v1/pets");

        Assert.Equal("array", list.ResponseFields["$"]);
        Assert.Equal("integer:int64", list.ResponseFields["$[*].id"]);
        Assert.Equal("string", list.ResponseFields["$[*].name"]);
        Assert.Equal("string|null", list.ResponseFields["$[*].tag"]);
        Assert.Equal("string:date", create.RequestFields["$.birthDate"]);
        Assert.False(create.RequestFields.ContainsKey("$.id"));
    }

    [Fact]
    public void Quoted_yaml_scalars_stay_strings_and_plain_numbers_stay_numbers()
    {
        var spec = ApiSpec.Parse("""
            openapi: 3.0.3
            info: { title: T, version: "2.10" }
            paths:
              /a:
                get:
                  responses:
                    200: { description: plain key }
                    '404': { description: quoted key }
            """, "inline.yaml");

        // "2.10" would be 2.1 if the quoted scalar had been typed as a number.
        Assert.Equal("2.10", spec.Version);
        Assert.True(spec.Operations[0].ResponseStatuses.SetEquals(["200", "404"]));
    }

    [Fact]
    public void Openapi_3_1_json_with_server_variables_security_and_deprecation()
    {
        var spec = SpecFixtures.Load("shop-3.1.json");

        Assert.Equal("2.3.0", spec.Version);
        Assert.Equal(["eu.shop.example.com:8443"], spec.Hosts);
        Assert.Equal(["/api"], spec.BasePaths);
        var legacy = SpecFixtures.Operation(spec, "GET", "/api/legacy/orders");
        Assert.True(legacy.Deprecated);
        Assert.Equal(["api-key", "none"], legacy.SecuritySchemes);
        Assert.Contains("x-api-key", legacy.CredentialHeaders);
        Assert.Equal(["bearer"], SpecFixtures.Operation(spec, "POST", "/api/orders").SecuritySchemes);
        Assert.Equal(["basic", "oauth2"], SpecFixtures.Operation(spec, "GET", "/api/admin/reports").SecuritySchemes);
        Assert.False(SpecFixtures.Operation(spec, "GET", "/api/orders/{orderId}").Deprecated);
    }

    [Fact]
    public void Openapi_3_1_fields_cover_type_arrays_maps_free_form_and_recursion()
    {
        var spec = SpecFixtures.Load("shop-3.1.json");
        var fields = SpecFixtures.Operation(spec, "POST", "/api/orders").RequestFields;

        Assert.Equal("string:uuid", fields["$.id"]);
        Assert.Equal("string:date-time", fields["$.createdAt"]);
        Assert.Equal("array", fields["$.lines"]);
        Assert.Equal("number", fields["$.lines[*].price.amount"]);
        Assert.Equal("string|null", fields["$.note"]);
        Assert.Equal("string", fields["$.metadata.*"]);
        Assert.Equal(SchemaTypeExpression.Any, fields["$.extra"]);
        // Category.parent is Category again: cut at the first repeat.
        Assert.Equal(SchemaTypeExpression.Any, fields["$.category.parent"]);
        Assert.Equal("string", fields["$.category.name"]);
    }

    [Fact]
    public void Swagger_2_0_yaml_host_base_path_body_and_api_key_in_query()
    {
        var spec = SpecFixtures.Load("legacy-2.0.yaml");

        Assert.Equal("Legacy Inventory", spec.Title);
        Assert.Equal(["inventory.example.com:8080"], spec.Hosts);
        Assert.Equal(["/inv"], spec.BasePaths);
        var list = SpecFixtures.Operation(spec, "GET", "/inv/items");
        Assert.Contains(new SpecParameter("since", "query", false, "string:date", "date"), list.Parameters);
        Assert.Equal("boolean", list.ResponseFields["$[*].active"]);
        Assert.Contains("api_key", list.CredentialQueryParameters);
        Assert.Equal(["api-key"], list.SecuritySchemes);
        var put = SpecFixtures.Operation(spec, "PUT", "/inv/items/{sku}");
        Assert.Equal("integer", put.RequestFields["$.count"]);
        Assert.True(put.ResponseStatuses.SetEquals(["204"]));
    }

    [Fact]
    public void Relative_server_url_gives_base_path_and_no_host()
    {
        var spec = ApiSpec.Parse("""
            {"openapi":"3.0.3","info":{"title":"R","version":"1"},"servers":[{"url":"/api/v2/"}],
             "paths":{"/x":{"get":{"responses":{"200":{"description":"ok"}}}}}}
            """, "relative.json");

        Assert.Empty(spec.Hosts);
        Assert.Equal(["/api/v2"], spec.BasePaths);
        Assert.Equal("/api/v2/x", spec.Operations.Single().PathTemplate);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Load("/nonexistent/spec.yaml"));
        Assert.StartsWith("/nonexistent/spec.yaml: cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_reports_line_and_column()
    {
        var e = Assert.Throws<SpecException>(() => SpecFixtures.Load("not-yaml.yaml"));
        Assert.Matches("YAML syntax error (after|at) line [0-9]+, column [0-9]+", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Invalid_json_reports_line_and_column()
    {
        var e = Assert.Throws<SpecException>(() => SpecFixtures.Load("bad-syntax.json"));
        Assert.Contains("JSON syntax error at line 3, column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_that_is_not_openapi_is_rejected()
    {
        var e = Assert.Throws<SpecException>(() => SpecFixtures.Load("not-openapi.yaml"));
        Assert.Contains("not an OpenAPI document", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_ref_is_a_warning_with_its_location_and_the_rest_loads()
    {
        var spec = SpecFixtures.Load("broken-ref.json");

        var warning = Assert.Single(spec.Warnings, w => w.Kind == SpecWarningKinds.DanglingReference);
        Assert.Equal("#/paths/~1a/get/responses/200/content/application~1json/schema", warning.Pointer);
        Assert.Contains("'#/components/schemas/Missing'", warning.Message, StringComparison.Ordinal);
        // The body whose schema is missing reads as unconstrained; the operation is still there.
        Assert.Equal(SchemaTypeExpression.Any, SpecFixtures.Operation(spec, "GET", "/a").ResponseFields["$"]);
    }

    [Fact]
    public void Empty_document_is_rejected()
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse("  \n", "empty.yaml"));
        Assert.Equal("empty.yaml: the document is empty", e.Message);
    }

    [Fact]
    public void Structurally_invalid_openapi_is_rejected()
    {
        var e = Assert.Throws<SpecException>(() => ApiSpec.Parse("""{"openapi":"9.9.9","info":{"title":"x","version":"1"},"paths":{}}""", "future.json"));
        Assert.StartsWith("future.json: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_anchors_and_merge_keys_are_expanded()
    {
        var spec = ApiSpec.Parse("""
            openapi: 3.0.3
            info: { title: A, version: "1" }
            x-common: &ok
              '200': { description: ok }
            paths:
              /a:
                get:
                  responses: *ok
              /b:
                get:
                  responses:
                    <<: *ok
                    '500': { description: boom }
            """, "anchors.yaml");

        Assert.True(spec.Operations.Single(o => o.PathTemplate == "/a").ResponseStatuses.SetEquals(["200"]));
        Assert.True(spec.Operations.Single(o => o.PathTemplate == "/b").ResponseStatuses.SetEquals(["200", "500"]));
    }
}
