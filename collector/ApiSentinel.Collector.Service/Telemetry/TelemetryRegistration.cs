using ApiSentinel.Collector.Service.Telemetry.Prometheus;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ApiSentinel.Collector.Service.Telemetry;

/// <summary>Wires <see cref="CollectorTelemetry"/>, the OTLP export (when configured) and /metrics into the host.</summary>
public static class TelemetryRegistration
{
    /// <summary>The resource's <c>service.name</c> unless <c>OTEL_SERVICE_NAME</c> or <c>OTEL_RESOURCE_ATTRIBUTES</c> names another.</summary>
    public const string DefaultServiceName = "apisentinel-collector";

    /// <summary>The path <see cref="MapCollectorMetrics"/> serves.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Registers <see cref="CollectorTelemetry"/> (and <see cref="TimeProvider.System"/> unless a clock is registered),
    /// and OpenTelemetry metrics and logs with the OTLP exporter for each signal that has an endpoint configured
    /// (<see cref="OtlpSettings"/>). Over OTLP, the collector's own meter goes out, the finding records
    /// (<see cref="FindingEvents.Category"/>) from Information, and every other category from Warning.
    /// </summary>
    /// <exception cref="TelemetryConfigurationException">An OTEL_* endpoint or protocol is unusable (a one-line message).</exception>
    public static IServiceCollection AddCollectorTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var otlp = OtlpSettings.From(configuration);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CollectorTelemetry>();
        if (!otlp.Any)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            // Clear first: the default resource would put OTEL_SERVICE_NAME under our default instead of over it.
            .ConfigureResource(static resource => resource.Clear().AddService(DefaultServiceName).AddTelemetrySdk().AddEnvironmentVariableDetector());
        if (otlp.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics.AddMeter(CollectorTelemetry.MeterName)
                .AddOtlpExporter(exporter => otlp.ApplySignalSettings(exporter, OtlpSettings.MetricsEndpoint, OtlpSettings.MetricsProtocol)));
        }

        if (otlp.Logs)
        {
            telemetry.WithLogging(
                logs => logs.AddOtlpExporter(exporter => otlp.ApplySignalSettings(exporter, OtlpSettings.LogsEndpoint, OtlpSettings.LogsProtocol)),
                static options => options.IncludeFormattedMessage = true);
            services.AddLogging(static logging => logging
                .AddFilter<OpenTelemetryLoggerProvider>(null, LogLevel.Warning)
                .AddFilter<OpenTelemetryLoggerProvider>(FindingEvents.Category, LogLevel.Information));
        }

        return services;
    }

    /// <summary>GET <see cref="MetricsPath"/>: the Prometheus text of <see cref="CollectorTelemetry"/>'s instruments.</summary>
    public static IEndpointRouteBuilder MapCollectorMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(MetricsPath, static (CollectorTelemetry telemetry) =>
            Results.Text(telemetry.Scrape.Render(), PrometheusContentType));
        return app;
    }

    private const string PrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";
}
