using System.Text;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Extraction;

/// <summary>Builds parsed messages directly, for testing the extractor without the parser.</summary>
internal static class TestMessages
{
    public static ParsedRequest Request(string method, string target, params (string Name, string Value)[] headers)
    {
        var request = new ParsedRequest { Version = HttpProtocolVersion.Http11 };
        request.SetLine(Encoding.ASCII.GetBytes(method), Encoding.Latin1.GetBytes(target));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(Encoding.ASCII.GetBytes(name), Encoding.Latin1.GetBytes(value));
        }
        return request;
    }

    public static ParsedResponse Response(int status, params (string Name, string Value)[] headers)
    {
        var response = new ParsedResponse { Version = HttpProtocolVersion.Http11, StatusCode = status };
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(Encoding.ASCII.GetBytes(name), Encoding.Latin1.GetBytes(value));
        }
        return response;
    }

    public static void SetBody(HttpMessage message, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        message.Body.Length = bytes.Length;
        message.Body.AppendInspected(bytes, 64 * 1024);
        message.Body.Complete = true;
    }

    public static HttpTransaction Transaction(ParsedRequest? request, ParsedResponse? response)
    {
        var connection = new ConnectionInfo(7, new NetEndpoint(NetAddress.Parse("192.0.2.1"), 40000),
            new NetEndpoint(NetAddress.Parse("192.0.2.2"), 8080), 1_000_000, handshakeSeen: true);
        return new HttpTransaction(connection) { Request = request, Response = response };
    }
}
