// Test classes of this assembly run one at a time: OpenTelemetry's MeterListener subscribes to every Meter named
// "apisentinel.collector" in the process, so the OTLP export tests (Telemetry/) counted the refusals and calls of
// collectors other tests were running at the same moment (an exact-count assertion failed only in a full run).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
