namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>One generated request/response pair, the common input of the HAR and pcap writers.</summary>
internal sealed record HttpExchange(
    int ClientIndex,
    int ServerIndex,
    int ServerPort,
    DateTime Start,
    TimeSpan Wait,
    string Method,
    string Host,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    byte[]? RequestBody,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    byte[]? ResponseBody);
