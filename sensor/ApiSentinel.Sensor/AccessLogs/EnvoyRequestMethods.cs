using ApiSentinel.Ingest.Envoy.Config.Core.V3;

namespace ApiSentinel.Sensor.AccessLogs;

/// <summary>Envoy's <c>RequestMethod</c> enum as the method token of the request line.</summary>
internal static class EnvoyRequestMethods
{
    /// <summary>The token, or empty for <c>METHOD_UNSPECIFIED</c> (Envoy's value for every method outside the enum) and unknown values.</summary>
    public static ReadOnlySpan<byte> Token(RequestMethod method) => method switch
    {
        RequestMethod.Get => "GET"u8,
        RequestMethod.Head => "HEAD"u8,
        RequestMethod.Post => "POST"u8,
        RequestMethod.Put => "PUT"u8,
        RequestMethod.Delete => "DELETE"u8,
        RequestMethod.Connect => "CONNECT"u8,
        RequestMethod.Options => "OPTIONS"u8,
        RequestMethod.Trace => "TRACE"u8,
        RequestMethod.Patch => "PATCH"u8,
        _ => [],
    };
}
