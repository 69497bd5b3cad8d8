using System.Net;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// The Kubernetes namespace and workload the collector named for each capture target (SensorConfig scope), looked up
/// by a call's server address and port: the sensor needs no Kubernetes API access to label its calls.
/// </summary>
internal sealed class WorkloadLabels
{
    private readonly Target[] _targets;

    private WorkloadLabels(Target[] targets)
    {
        _targets = targets;
    }

    /// <summary>The labels of <paramref name="scope"/>'s targets; null when none names a namespace or workload
    /// (or an address does not parse: the pipeline's validation reports that).</summary>
    public static WorkloadLabels? From(CaptureScope? scope)
    {
        if (scope is null)
        {
            return null;
        }
        var targets = new List<Target>();
        foreach (var target in scope.Targets)
        {
            if ((target.Namespace.Length == 0 && target.Workload.Length == 0) || !TryParseNetwork(target.Address, out var network))
            {
                continue;
            }
            targets.Add(new Target(network, [.. target.Ports.Select(p => (int)p)], target.Namespace, target.Workload));
        }
        return targets.Count == 0 ? null : new WorkloadLabels([.. targets]);
    }

    /// <summary>The first target matching <paramref name="server"/> (<c>ip:port</c>), in the collector's order.</summary>
    public bool TryFind(string server, out string ns, out string workload)
    {
        if (IPEndPoint.TryParse(server, out var endpoint))
        {
            foreach (var target in _targets)
            {
                if (target.Network.Contains(endpoint.Address) && (target.Ports.Count == 0 || target.Ports.Contains(endpoint.Port)))
                {
                    ns = target.Namespace;
                    workload = target.Workload;
                    return true;
                }
            }
        }
        ns = "";
        workload = "";
        return false;
    }

    private static bool TryParseNetwork(string address, out IPNetwork network)
    {
        if (IPNetwork.TryParse(address, out network))
        {
            return true;
        }
        if (IPAddress.TryParse(address, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return false;
    }

    private sealed record Target(IPNetwork Network, HashSet<int> Ports, string Namespace, string Workload);
}
