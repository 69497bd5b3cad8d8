using System.Reflection;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Configuration;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// Who this sensor process is, as the Hello that opens every stream says it: the same message on every reconnect
/// (the instance id is drawn once per process, so sequence numbers stay meaningful to the collector).
/// </summary>
internal static class SensorIdentity
{
    /// <param name="settings">The daemon's settings.</param>
    /// <param name="environment">Reads NODE_NAME, POD_NAME and POD_NAMESPACE (the Kubernetes downward API's usual names).</param>
    /// <param name="hostName">The host name, when NODE_NAME is not set.</param>
    public static Hello CreateHello(DaemonSettings settings, Func<string, string?> environment, string hostName)
    {
        var hello = new Hello
        {
            SensorId = settings.SensorId,
            InstanceId = Guid.NewGuid().ToString("N"),
            Node = environment("NODE_NAME") is { Length: > 0 } node ? node : hostName,
            Pod = Pod(environment),
            Version = Version,
            CaptureMode = settings.Mode,
        };
        hello.Interfaces.AddRange(settings.Mode switch
        {
            CaptureMode.Live => settings.Interfaces,
            // Names only: a path can say more about the machine than the collector needs.
            CaptureMode.Replay => settings.PcapFiles.Select(Path.GetFileName).OfType<string>(),
            _ => [],
        });
        if (settings.Mode != CaptureMode.AccessLog)
        {
            hello.Capabilities.Add(SensorCapabilities.Http1);
        }
        if (settings.AlsListen is not null)
        {
            hello.Capabilities.Add(SensorCapabilities.EnvoyAccessLog);
        }
        return hello;
    }

    public static string Version { get; } =
        typeof(SensorIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    private static string Pod(Func<string, string?> environment)
    {
        var name = environment("POD_NAME");
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }
        return environment("POD_NAMESPACE") is { Length: > 0 } ns ? $"{ns}/{name}" : name;
    }
}
