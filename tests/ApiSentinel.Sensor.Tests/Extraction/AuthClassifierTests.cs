using System.Text;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction;

public class AuthClassifierTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    private readonly AuthClassifier _classifier = new(new ExtractionOptions { FingerprintKey = new byte[32] });

    private AuthObservation Classify(string target, params (string, string)[] headers) =>
        _classifier.Classify(TestMessages.Request("GET", target, headers));

    [Fact]
    public void No_credential_is_none()
    {
        Assert.Equal(AuthKind.None, Classify("/x", ("Host", "a")).Kind);
    }

    [Theory]
    [InlineData("Basic YWRhOnB3", AuthKind.Basic)]
    [InlineData("basic  YWRhOnB3", AuthKind.Basic)]
    [InlineData("Bearer opaque-token-123", AuthKind.Bearer)]
    [InlineData("Digest username=\"a\", realm=\"r\"", AuthKind.Digest)]
    [InlineData("Negotiate YIIB", AuthKind.Negotiate)]
    [InlineData("NTLM TlRMTVNTUAAB", AuthKind.Negotiate)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIA/2026", AuthKind.Other)]
    public void Classifies_authorization_schemes(string value, AuthKind expected)
    {
        var auth = Classify("/x", ("Authorization", value));
        Assert.Equal(expected, auth.Kind);
        Assert.Equal("header:authorization", auth.Location);
        Assert.NotNull(auth.Fingerprint);
    }

    [Fact]
    public void A_bearer_jwt_is_jwt_with_its_algorithm()
    {
        var auth = Classify("/x", ("Authorization", "Bearer " + Jwt));
        Assert.Equal(AuthKind.Jwt, auth.Kind);
        Assert.Equal("HS256", auth.JwtAlgorithm);
    }

    [Fact]
    public void Api_key_header_and_query_parameter()
    {
        var header = Classify("/x", ("X-API-Key", "k-1"));
        Assert.Equal((AuthKind.ApiKey, "header:x-api-key"), (header.Kind, header.Location));
        var query = Classify("/x?limit=3&api_key=k-1");
        Assert.Equal((AuthKind.ApiKey, "query:api_key"), (query.Kind, query.Location));
        var jwtInQuery = Classify("/x?access_token=" + Jwt);
        Assert.Equal((AuthKind.Jwt, "query:access_token"), (jwtInQuery.Kind, jwtInQuery.Location));
    }

    [Fact]
    public void Session_cookie_by_name_and_jwt_cookie()
    {
        var session = Classify("/x", ("Cookie", "theme=dark; JSESSIONID=ABC123"));
        Assert.Equal((AuthKind.SessionCookie, "cookie:jsessionid"), (session.Kind, session.Location));
        var custom = Classify("/x", ("Cookie", "my_app_sess=1"));
        Assert.Equal(AuthKind.SessionCookie, custom.Kind);
        var jwt = Classify("/x", ("Cookie", "theme=dark; id=" + Jwt));
        Assert.Equal((AuthKind.Jwt, "cookie:id"), (jwt.Kind, jwt.Location));
        Assert.Equal(AuthKind.None, Classify("/x", ("Cookie", "theme=dark; lang=en")).Kind);
    }

    [Fact]
    public void The_strongest_credential_wins()
    {
        var auth = Classify("/x?api_key=k", ("Cookie", "sid=1"), ("Authorization", "Bearer " + Jwt));
        Assert.Equal(AuthKind.Jwt, auth.Kind);
    }

    [Fact]
    public void Fingerprints_identify_credentials_without_revealing_them()
    {
        var a = Classify("/x", ("Authorization", "Bearer token-a")).Fingerprint;
        var a2 = Classify("/x", ("Authorization", "Bearer token-a")).Fingerprint;
        var b = Classify("/x", ("Authorization", "Bearer token-b")).Fingerprint;
        Assert.Equal(a, a2);
        Assert.NotEqual(a, b);
        Assert.Equal(16, a!.Length);
        Assert.DoesNotContain("token", a, StringComparison.Ordinal);

        var otherKey = new AuthClassifier(new ExtractionOptions { FingerprintKey = Encoding.ASCII.GetBytes("another key") });
        Assert.NotEqual(a, otherKey.Classify(TestMessages.Request("GET", "/x", ("Authorization", "Bearer token-a"))).Fingerprint);
    }
}
