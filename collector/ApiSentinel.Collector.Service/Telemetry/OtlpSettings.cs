using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>
/// Which OTLP signals to export, from the standard variables (read through configuration, so environment variables,
/// a config file and the test's in-memory values all count). A signal is exported only when an endpoint is configured
/// for it — <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or its own <c>OTEL_EXPORTER_OTLP_{METRICS,LOGS}_ENDPOINT</c> — so a
/// collector without an OpenTelemetry backend does not retry against localhost:4317 for ever. <c>OTEL_SDK_DISABLED=true</c>
/// turns everything off. <c>OTEL_{METRICS,LOGS}_EXPORTER</c> is the specification's comma-separated list: unset means
/// <c>otlp</c>; OTLP is exported only when the list names <c>otlp</c> — <c>none</c>, <c>console</c> or
/// <c>prometheus</c> alone leave it off (this collector serves Prometheus at /metrics whatever the variable says). Headers,
/// timeouts, compression and the common endpoint and protocol are read by the OTLP exporter itself; the
/// signal-specific endpoint and protocol are applied here (<see cref="ApplySignalSettings"/>).
/// </summary>
internal sealed record OtlpSettings(bool Metrics, bool Logs, IConfiguration Configuration)
{
    public const string SdkDisabled = "OTEL_SDK_DISABLED";
    public const string Endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public const string LogsEndpoint = "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT";
    public const string Protocol = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string MetricsProtocol = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL";
    public const string LogsProtocol = "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL";
    public const string MetricsExporter = "OTEL_METRICS_EXPORTER";
    public const string LogsExporter = "OTEL_LOGS_EXPORTER";

    /// <summary>The <c>OTEL_{METRICS,LOGS}_EXPORTER</c> value that selects OTLP.</summary>
    public const string OtlpExporterName = "otlp";

    public bool Any => Metrics || Logs;

    /// <exception cref="TelemetryConfigurationException">An endpoint is not an absolute http(s) URL, or a protocol is not grpc or http/protobuf.</exception>
    public static OtlpSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration[SdkDisabled]?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return new OtlpSettings(false, false, configuration);
        }

        foreach (var key in (string[])[Endpoint, MetricsEndpoint, LogsEndpoint])
        {
            EndpointOf(configuration, key);
        }

        foreach (var key in (string[])[Protocol, MetricsProtocol, LogsProtocol])
        {
            ProtocolOf(configuration, key);
        }

        var common = Set(configuration[Endpoint]);
        return new OtlpSettings(
            (common || Set(configuration[MetricsEndpoint])) && NamesOtlp(configuration[MetricsExporter]),
            (common || Set(configuration[LogsEndpoint])) && NamesOtlp(configuration[LogsExporter]),
            configuration);
    }

    /// <summary>
    /// A signal's own endpoint and protocol over the common ones. The exporter reads the common variables itself (and
    /// appends <c>/v1/metrics</c> or <c>/v1/logs</c> to a common http/protobuf endpoint); a signal's own endpoint is used
    /// as given, as the specification says — set in code, the exporter appends nothing.
    /// </summary>
    public void ApplySignalSettings(OtlpExporterOptions exporter, string endpointKey, string protocolKey)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        if (ProtocolOf(Configuration, protocolKey) is { } protocol)
        {
            exporter.Protocol = protocol;
        }

        if (EndpointOf(Configuration, endpointKey) is { } endpoint)
        {
            exporter.Endpoint = endpoint;
        }
    }

    private static Uri? EndpointOf(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (!Set(value))
        {
            return null;
        }

        return Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new TelemetryConfigurationException($"{key}: '{value}' is not an absolute http or https URL");
    }

    private static OtlpExportProtocol? ProtocolOf(IConfiguration configuration, string key) => configuration[key]?.Trim() switch
    {
        null or "" => null,
        "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        var other => throw new TelemetryConfigurationException($"{key}: '{other}' is not a supported OTLP protocol (grpc, http/protobuf)"),
    };

    private static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);

    /// <summary>The exporter list (unset: the default, otlp) names otlp.</summary>
    private static bool NamesOtlp(string? value) => !Set(value) ||
        value!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(OtlpExporterName, StringComparer.OrdinalIgnoreCase);
}
