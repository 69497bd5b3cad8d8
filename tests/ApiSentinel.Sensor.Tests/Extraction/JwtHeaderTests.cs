using System.Text;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction;

public class JwtHeaderTests
{
    private static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "HS256")]
    [InlineData("{\"typ\":\"JWT\",\"alg\":\"RS512\"}", "RS512")]
    [InlineData("{\"alg\":\"none\"}", "none")]
    [InlineData("{\"alg\":\"weird-alg\"}", "other")]
    public void Reads_the_algorithm_from_the_header(string header, string expected)
    {
        var token = $"{Part(header)}.{Part("{\"sub\":\"1\"}")}.c2ln";
        Assert.True(JwtHeader.TryRead(Encoding.ASCII.GetBytes(token), out var alg));
        Assert.Equal(expected, alg);
    }

    [Fact]
    public void Accepts_an_unsecured_token_with_an_empty_signature()
    {
        var token = $"{Part("{\"alg\":\"none\"}")}.{Part("{\"sub\":\"1\"}")}.";
        Assert.True(JwtHeader.TryRead(Encoding.ASCII.GetBytes(token), out var alg));
        Assert.Equal("none", alg);
    }

    [Theory]
    [InlineData("abc.def.ghi")]                 // not a JSON header
    [InlineData("eyJhbGciOiJIUzI1NiJ9.only-two")] // two parts
    [InlineData("eyJhbGciOiJIUzI1NiJ9.a.b.c")]  // four parts
    [InlineData("eyJmb28iOiJiYXIifQ.e30.c2ln")]  // {"foo":"bar"}: no alg
    [InlineData("eyJhbGciOiJIUzI1NiJ9.a b.c")]  // not base64url
    [InlineData("")]
    public void Rejects_what_is_not_a_jwt(string token)
    {
        Assert.False(JwtHeader.TryRead(Encoding.ASCII.GetBytes(token), out _));
    }
}
