using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>A copy of an <see cref="HttpBody"/> taken during delivery (the parser reuses the original).</summary>
public sealed record RecordedBody(
    long Length,
    long MissingBytes,
    byte[] Inspected,
    bool InspectionTruncated,
    string? ContentEncoding,
    bool DecodedOk,
    bool Complete)
{
    public static RecordedBody From(HttpBody body) => new(
        body.Length, body.MissingBytes, body.Inspected.ToArray(), body.InspectionTruncated,
        body.ContentEncoding, body.DecodedOk, body.Complete);

    public string InspectedText => System.Text.Encoding.Latin1.GetString(Inspected);
}
