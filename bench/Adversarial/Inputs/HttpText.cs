using System.Text;

namespace ApiSentinel.Bench.Adversarial.Inputs;

internal static class HttpText
{
    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Ok(string body = "{\"ok\":true}") =>
        Ascii($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}");
}
