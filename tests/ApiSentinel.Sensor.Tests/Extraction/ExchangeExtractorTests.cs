using System.Text.Json;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Extraction;

public class ExchangeExtractorTests
{
    private sealed class NoSink : IExchangeSink
    {
        public long OnExchangeStarted(long timestampMicros) => 0;
        public void OnExchangeCompleted(long ticket, ExchangeRecord record) { }
    }

    private static ExchangeRecord Extract(HttpTransaction tx) =>
        new ExchangeExtractor(new ExtractionOptions(), new NoSink(), new ExtractionCounters()).Extract(tx);

    [Fact]
    public void Fills_the_contract_fields()
    {
        var request = TestMessages.Request("POST", "/api/v1/users?limit=3&expand", ("Host", "API.Example.com"),
            ("Content-Type", "application/json; charset=utf-8"), ("User-Agent", "curl/8.5.0"), ("X-Trace", "1"), ("x-trace", "2"));
        request.StartMicros = 1_700_000_000_123_456;
        TestMessages.SetBody(request, "{\"name\":\"a\"}");
        var response = TestMessages.Response(201, ("Content-Type", "application/problem+json"));
        response.EndMicros = request.StartMicros + 2500;
        TestMessages.SetBody(response, "{}");

        var record = Extract(TestMessages.Transaction(request, response));

        Assert.Equal("POST", record.Method);
        Assert.Equal("api.example.com", record.Host);
        Assert.Equal("/api/v1/users?limit=3&expand", record.Target);
        Assert.Equal("1.1", record.Version);
        Assert.Equal(201, record.Status);
        Assert.Equal(12, record.RequestBodyBytes);
        Assert.Equal(2, record.ResponseBodyBytes);
        Assert.Equal(2500, record.DurationMicros);
        Assert.Equal("192.0.2.1:40000", record.Client);
        Assert.Equal("192.0.2.2:8080", record.Server);
        Assert.Equal("application/json", record.RequestContentType);
        Assert.Equal("application/problem+json", record.ResponseContentType);
        Assert.Equal("curl", record.UserAgentProduct);
        Assert.Equal([new FieldShape("limit", "integer"), new FieldShape("expand", "empty")], record.QueryParameters);
        Assert.Equal([new FieldShape("$.name", "string")], record.RequestFields);
        Assert.Equal(["host", "content-type", "user-agent", "x-trace"], record.RequestHeaderNames);
        Assert.Empty(record.Notes);
        Assert.Equal(AuthKind.None, record.Auth.Kind);
    }

    [Fact]
    public void Records_json_body_fields_with_kinds_and_names_scanning_tools()
    {
        var request = TestMessages.Request("GET", "/x?id=3f2a9c1e-0b7d-4e58-9a61-2b4f7c9d8e10&since=2026-10-01&n=1.5&ok=true",
            ("User-Agent", "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)"));
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, "{\"user\":{\"id\":7,\"score\":1.5,\"tags\":[\"a\"],\"active\":true,\"nick\":null}," +
                                       "\"items\":[{\"sku\":\"x\",\"at\":\"2026-10-01T12:00:00Z\"},{\"sku\":\"y\"}]}");
        var record = Extract(TestMessages.Transaction(request, response));
        Assert.Equal(["uuid", "date", "number", "boolean"], record.QueryParameters.Select(q => q.Kind));
        Assert.Equal(
        [
            "$.user:object", "$.user.id:integer", "$.user.score:number", "$.user.tags:array", "$.user.tags[*]:string",
            "$.user.active:boolean", "$.user.nick:null", "$.items:array", "$.items[*]:object", "$.items[*].sku:string",
            "$.items[*].at:date-time",
        ], record.ResponseFields.Select(f => $"{f.Name}:{f.Kind}"));
        Assert.Equal("nikto", record.ClientTool);
    }

    [Fact]
    public void Missing_halves_are_null_and_noted()
    {
        var onlyResponse = Extract(TestMessages.Transaction(null, TestMessages.Response(200)));
        Assert.Null(onlyResponse.Method);
        Assert.Equal(200, onlyResponse.Status);
        Assert.Contains("request-missing", onlyResponse.Notes);

        var onlyRequest = Extract(TestMessages.Transaction(TestMessages.Request("GET", "/"), null));
        Assert.Null(onlyRequest.Status);
        Assert.Null(onlyRequest.ResponseBodyBytes);
        Assert.Contains("response-missing", onlyRequest.Notes);
    }

    [Fact]
    public void Host_falls_back_to_the_authority_of_an_absolute_target_without_userinfo()
    {
        var record = Extract(TestMessages.Transaction(TestMessages.Request("GET", "http://user:pw@proxy.example:3128/x"), null));
        Assert.Equal("proxy.example:3128", record.Host);
    }

    [Fact]
    public void Finds_sensitive_data_in_bodies_with_json_locations()
    {
        var request = TestMessages.Request("POST", "/pay", ("Content-Type", "application/json"));
        TestMessages.SetBody(request, "{\"payer\":{\"cardNumber\":\"4111 1111 1111 1111\"},\"items\":[{\"sku\":1}]}");
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, "{\"users\":[{\"contact\":{\"mail\":\"ada@example.com\"}}],\"taxRef\":\"536-90-4399\"}");

        var record = Extract(TestMessages.Transaction(request, response));

        Assert.Contains(record.Sensitive, s => s.Type == "credit-card" && s.Location == "request.body.$.payer.cardNumber");
        Assert.Contains(record.Sensitive, s => s.Type == "email" && s.Location == "response.body.$.users[*].contact.mail");
        Assert.Contains(record.Sensitive, s => s.Type == "us-ssn" && s.Location == "response.body.$.taxRef");
    }

    [Fact]
    public void Truncated_or_malformed_json_bodies_are_scanned_as_far_as_they_go()
    {
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, "{\"mail\":\"ada@example.com\",\"rest\":[1,2,");
        var record = Extract(TestMessages.Transaction(TestMessages.Request("GET", "/"), response));
        Assert.Contains(record.Sensitive, s => s.Type == "email" && s.Location == "response.body.$.mail");

        var broken = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(broken, "{\"mail\":\"ada@example.com\"}}}]]{{{");
        Assert.Contains(Extract(TestMessages.Transaction(TestMessages.Request("GET", "/"), broken)).Sensitive, s => s.Type == "email");
    }

    [Fact]
    public void Json_escapes_that_decode_to_invalid_utf8_do_not_throw()
    {
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, "{\"a\\ud800\":\"x\",\"mail\":\"\\ud800 ada@example.com\"}");
        var record = Extract(TestMessages.Transaction(TestMessages.Request("GET", "/"), response));
        Assert.NotNull(record.Sensitive);
    }

    [Fact]
    public void Custom_headers_are_scanned_but_standard_ones_lend_no_field_context()
    {
        var request = TestMessages.Request("GET", "/", ("X-User-Email", "ada@example.com"), ("X-Api-Key", "k-1"));
        var response = TestMessages.Response(200, ("Access-Control-Allow-Credentials", "true"), ("Set-Cookie", "sid=abc"));
        var record = Extract(TestMessages.Transaction(request, response));
        var found = Assert.Single(record.Sensitive);
        Assert.Equal(("email", "request.header.x-user-email"), (found.Type, found.Location));
    }

    [Fact]
    public void Redacts_credentials_and_sensitive_values_in_the_target()
    {
        var request = TestMessages.Request("GET", "/users/ada@example.com/cards?api_key=k-123&q=shoes&card=4111111111111111&sig=abc");
        var record = Extract(TestMessages.Transaction(request, null));
        Assert.Equal("/users/REDACTED/cards?api_key=REDACTED&q=shoes&card=REDACTED&sig=REDACTED", record.Target);
        Assert.Contains(record.Sensitive, s => s.Type == "email" && s.Location == "request.path");
        Assert.Contains(record.Sensitive, s => s.Type == "credit-card" && s.Location == "request.query.card");
    }

    [Fact]
    public void Userinfo_fragments_matrix_parameters_and_data_in_parameter_names_never_leave()
    {
        var proxy = Extract(TestMessages.Transaction(TestMessages.Request("GET", "http://admin:hunter2@internal-api/v1/users"), null));
        Assert.Equal("http://REDACTED@internal-api/v1/users", proxy.Target);
        Assert.Equal((AuthKind.Basic, "url:userinfo"), (proxy.Auth.Kind, proxy.Auth.Location));
        Assert.Equal("internal-api", proxy.Host);

        var odd = Extract(TestMessages.Transaction(TestMessages.Request("GET",
            "/v1/users;jsessionid=A1B2C3D4;v=2/items?4111111111111111&q=1#access_token=SECRETFRAG"), null));
        Assert.Equal("/v1/users;jsessionid=REDACTED;v=REDACTED/items?REDACTED&q=1#REDACTED", odd.Target);
        Assert.Equal(["REDACTED", "q"], odd.QueryParameters.Select(q => q.Name));

        var presigned = Extract(TestMessages.Transaction(TestMessages.Request("GET", "/f?X-Amz-Signature=abcdef0123456789"), null));
        Assert.Equal("/f?X-Amz-Signature=REDACTED", presigned.Target);
    }

    [Fact]
    public void Names_from_headers_are_reported_only_when_they_are_plain_tokens()
    {
        var request = TestMessages.Request("POST", "/", ("Content-Type", "123-45-6789"), ("User-Agent", "4111111111111111"),
            ("Cookie", "mysess_4111111111111111=abc"));
        var record = Extract(TestMessages.Transaction(request, null));
        Assert.Equal("invalid", record.RequestContentType);
        Assert.Null(record.UserAgentProduct);
        Assert.Equal("cookie:(unnamed)", record.Auth.Location);
    }

    [Fact]
    public void Json_paths_stay_bounded_whatever_the_nesting_and_key_lengths()
    {
        var key = new string('k', 1000);
        var body = string.Concat(Enumerable.Repeat($"{{\"{key}\":", 60)) + "1" + new string('}', 60);
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, body);
        var record = Extract(TestMessages.Transaction(TestMessages.Request("GET", "/"), response));
        Assert.NotEmpty(record.ResponseFields);
        Assert.All(record.ResponseFields, f => Assert.True(f.Name.Length <= 1024 + 16, $"path of {f.Name.Length} chars"));
        Assert.DoesNotContain(record.ResponseFields, f => f.Name.Contains(key, StringComparison.Ordinal));
    }

    /// <summary>The privacy rule, for the record itself: no planted secret survives into anything it carries.</summary>
    [Fact]
    public void No_planted_secret_appears_anywhere_in_the_record()
    {
        string[] secrets =
        [
            "s3cr3t-bearer-value", "k-apikey-778899", "cookie-session-4455", "4111111111111111", "536-90-4399",
            "hunter2hunter2", "ada@example.com", "GB82WEST12345698765432", "AKIAIOSFODNN7EXAMPLE",
        ];
        var request = TestMessages.Request("POST", "/login?api_key=k-apikey-778899&email=ada@example.com",
            ("Host", "shop.example"), ("Authorization", "Bearer s3cr3t-bearer-value"), ("Cookie", "sid=cookie-session-4455"),
            ("X-Customer-Ssn", "536-90-4399"), ("Content-Type", "application/x-www-form-urlencoded"));
        TestMessages.SetBody(request, "user=ada&password=hunter2hunter2&iban=GB82WEST12345698765432");
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, "{\"card\":\"4111111111111111\",\"key\":\"AKIAIOSFODNN7EXAMPLE\"}");

        var record = Extract(TestMessages.Transaction(request, response));
        var serialized = JsonSerializer.Serialize(record);

        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, serialized, StringComparison.Ordinal);
        }
        Assert.NotEmpty(record.Sensitive);
    }

    [Fact]
    public void Form_fields_are_reported_like_json_fields_with_their_kinds_but_never_their_values()
    {
        var request = TestMessages.Request("POST", "/payments", ("Host", "shop.example"), ("Content-Type", "application/x-www-form-urlencoded"));
        TestMessages.SetBody(request, "card_number=4111111111111111&email=ada%40example.com&amount=12.50&qty=3&note=&ada%40example.com=x");
        var record = Extract(TestMessages.Transaction(request, TestMessages.Response(201)));

        Assert.Contains(new FieldShape("$.card_number", ValueKind.Integer), record.RequestFields);
        Assert.Contains(new FieldShape("$.email", ValueKind.Email), record.RequestFields);
        Assert.Contains(new FieldShape("$.amount", ValueKind.Number), record.RequestFields);
        Assert.Contains(new FieldShape("$.qty", ValueKind.Integer), record.RequestFields);
        Assert.Contains(new FieldShape("$.note", ValueKind.Empty), record.RequestFields);
        // A data-bearing form name is a placeholder, as a JSON key is.
        Assert.Contains(record.RequestFields, f => f.Name == "$." + Placeholders.Key);
        Assert.Contains(record.Sensitive, s => s.Type == SensitiveTypes.CreditCard && s.Location == "request.body.card_number");
        var serialized = JsonSerializer.Serialize(record);
        Assert.DoesNotContain("4111111111111111", serialized, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.com", serialized, StringComparison.Ordinal);
    }
}
