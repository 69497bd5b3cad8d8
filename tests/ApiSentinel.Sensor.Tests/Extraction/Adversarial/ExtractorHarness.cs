using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>One extractor with its counters, for tests that assert both the record and what was counted.</summary>
internal sealed class ExtractorHarness
{
    private sealed class NoSink : IExchangeSink
    {
        public long OnExchangeStarted(long timestampMicros) => 0;
        public void OnExchangeCompleted(long ticket, ExchangeRecord record) { }
    }

    public ExtractorHarness(ExtractionOptions? options = null)
    {
        Extractor = new ExchangeExtractor(options ?? new ExtractionOptions(), new NoSink(), Counters);
    }

    public ExtractionCounters Counters { get; } = new();

    public ExchangeExtractor Extractor { get; }

    public ExchangeRecord Extract(ParsedRequest? request, ParsedResponse? response = null) =>
        Extractor.Extract(TestMessages.Transaction(request, response));

    /// <summary>A response whose JSON body is <paramref name="json"/>, to a GET /.</summary>
    public ExchangeRecord Respond(string json)
    {
        var response = TestMessages.Response(200, ("Content-Type", "application/json"));
        TestMessages.SetBody(response, json);
        return Extract(TestMessages.Request("GET", "/"), response);
    }
}
