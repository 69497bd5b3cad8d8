using System.Buffers.Text;
using System.Text;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Sensitive;

public class JwtDetectionTests
{
    private const string Jwt = SensitiveTypes.Jwt;

    private static string Part(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static readonly string Signed =
        Part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Part("{\"sub\":\"1234567890\",\"iat\":1516239022}") +
        ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    [Fact]
    public void Bearer_token_in_header_value_is_a_jwt()
    {
        var match = SensitiveScan.Single("Bearer " + Signed, Jwt, Signed);
        Assert.Equal(SensitiveConfidence.High, match.Confidence);
    }

    [Fact]
    public void Unsigned_token_with_empty_signature_is_a_jwt()
    {
        var token = Part("{\"alg\":\"none\"}") + "." + Part("{\"sub\":\"x\"}") + ".";
        SensitiveScan.Single($"t={token}&x=1", Jwt, token);
    }

    [Fact]
    public void Jwt_in_text_body_reports_byte_offsets()
    {
        var text = "{\"note\":\"héllo\",\"token\":\"" + Signed + "\"}";
        var match = Assert.Single(SensitiveScan.Text(text).OfType(Jwt));
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(Signed, Encoding.UTF8.GetString(bytes, match.Start, match.Length));
    }

    [Fact]
    public void Header_without_alg_is_not_a_jwt()
    {
        var token = Part("{\"typ\":\"JWT\"}") + "." + Part("{\"sub\":\"x\"}") + ".c2lnbmF0dXJl";
        Assert.Empty(SensitiveScan.Value(token).OfType(Jwt));
    }

    [Fact]
    public void Payload_that_is_not_a_json_object_is_not_a_jwt()
    {
        var token = Part("{\"alg\":\"HS256\"}") + "." + Part("{\"sub\":\"x\" trailing garbage") + ".c2ln";
        Assert.Empty(SensitiveScan.Value(token).OfType(Jwt));
    }

    [Theory]
    [InlineData("eyJhbGciOi.eyJzdWIiOi.abc")]            // truncated base64: decodes to broken JSON
    [InlineData("eyJ0eXAi.b3RoZXI.c2ln")]                // payload not starting with eyJ
    [InlineData("aGVsbG8.d29ybGQ.Zm9v")]                 // random base64 with dots
    [InlineData("xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig")] // inside a longer token
    public void Base64_with_dots_is_not_a_jwt(string text) => Assert.Empty(SensitiveScan.Value(text).OfType(Jwt));

    [Fact]
    public void Five_part_jwe_is_not_reported_as_jws()
    {
        var jwe = Signed + ".more.parts";
        Assert.Empty(SensitiveScan.Value(jwe).OfType(Jwt));
    }
}
