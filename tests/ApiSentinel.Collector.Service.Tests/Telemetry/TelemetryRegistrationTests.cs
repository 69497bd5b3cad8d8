using ApiSentinel.Collector.Service.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using LoggerProvider = OpenTelemetry.Logs.LoggerProvider;
using MeterProvider = OpenTelemetry.Metrics.MeterProvider;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>What AddCollectorTelemetry sets up for which OTEL_* settings, and the clear error for unusable ones.</summary>
public sealed class TelemetryRegistrationTests
{
    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")]
    [InlineData("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "udp")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "ftp://192.0.2.1/")]
    public void An_unusable_setting_is_one_clear_error_naming_it(string key, string value)
    {
        var settings = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317", [key] = value };

        var error = Assert.Throws<TelemetryConfigurationException>(() => Register(settings));

        Assert.StartsWith(key + ": '" + value + "'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_exporter_set_to_none_turns_that_signal_off()
    {
        using var services = Register(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["OTEL_METRICS_EXPORTER"] = "none",
        }).BuildServiceProvider();

        Assert.Null(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<LoggerProvider>());
        Assert.NotNull(services.GetService<CollectorTelemetry>());
    }

    [Theory]
    [InlineData("console")]
    [InlineData("prometheus")]
    [InlineData("none")]
    [InlineData("console, prometheus")]
    public void A_metrics_exporter_that_does_not_name_otlp_leaves_otlp_metrics_off(string exporter)
    {
        using var services = Register(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["OTEL_METRICS_EXPORTER"] = exporter,
        }).BuildServiceProvider();

        Assert.Null(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<LoggerProvider>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("otlp")]
    [InlineData("prometheus,otlp")]
    [InlineData(" OTLP ")]
    public void Otlp_metrics_are_on_when_the_exporter_is_unset_or_names_otlp(string? exporter)
    {
        using var services = Register(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317",
            ["OTEL_METRICS_EXPORTER"] = exporter,
            ["OTEL_LOGS_EXPORTER"] = "console",
        }).BuildServiceProvider();

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<LoggerProvider>());
    }

    [Fact]
    public void The_telemetry_is_one_instance_per_container()
    {
        using var services = Register([]).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<CollectorTelemetry>(), services.GetRequiredService<CollectorTelemetry>());
        Assert.Equal(CollectorTelemetry.MeterName, services.GetRequiredService<CollectorTelemetry>().Meter.Name);
    }

    private static ServiceCollection Register(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCollectorTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services;
    }
}
