using System.Net;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Pipeline.Runtime;

/// <summary>
/// A validated <see cref="CaptureScope"/>: asked once per new connection (never per packet) whether either endpoint
/// is a target. Linear in the targets: a node's scope is its selected pods, tens, and connections open far less
/// often than packets arrive.
/// </summary>
internal sealed class ScopeMatcher
{
    private readonly Target[] _targets;

    private ScopeMatcher(Target[] targets)
    {
        _targets = targets;
    }

    /// <summary>Parses <paramref name="scope"/>; null when it is empty (everything is in scope) or has problems (added to <paramref name="problems"/>).</summary>
    public static ScopeMatcher? Create(CaptureScope? scope, List<string> problems)
    {
        if (scope is null || scope.IsEmpty)
        {
            return null;
        }
        var targets = new List<Target>(scope.Targets.Count);
        int before = problems.Count;
        for (int i = 0; i < scope.Targets.Count; i++)
        {
            CaptureTargetSetting? setting = scope.Targets[i];
            string where = $"scope target #{i + 1}";
            if (setting is null)
            {
                problems.Add($"{where}: missing");
                continue;
            }
            if (!TryParseNetwork(setting.Address, out IPNetwork network))
            {
                problems.Add($"{where}: '{setting.Address}' is not an IP address or a CIDR network (e.g. 192.0.2.7 or 192.0.2.0/24)");
            }
            var ports = new HashSet<int>();
            foreach (int port in setting.Ports ?? [])
            {
                if (port is < 1 or > ushort.MaxValue)
                {
                    problems.Add($"{where}: port {port} is out of range (1-65535)");
                }
                ports.Add(port);
            }
            targets.Add(new Target(network, ports.Count == 0 ? null : ports));
        }
        return problems.Count > before ? null : new ScopeMatcher([.. targets]);
    }

    public bool Admits(ConnectionInfo connection)
    {
        IPAddress client = connection.Client.Address.ToIPAddress();
        IPAddress server = connection.Server.Address.ToIPAddress();
        foreach (Target target in _targets)
        {
            if (target.Matches(server, connection.Server.Port) || target.Matches(client, connection.Client.Port))
            {
                return true;
            }
        }
        return false;
    }

    private static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (!LooksLikeAnAddress(slash < 0 ? text : text[..slash]))
        {
            return false;
        }
        if (slash >= 0)
        {
            return IPNetwork.TryParse(text, out network);
        }
        if (!IPAddress.TryParse(text, out IPAddress? address))
        {
            return false;
        }
        network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }

    /// <summary>
    /// IPAddress.TryParse also takes the legacy IPv4 forms ("10", "10.1" = 10.0.0.1): in a scope they are typos, so
    /// IPv4 must be dotted-quad.
    /// </summary>
    private static bool LooksLikeAnAddress(string text) =>
        text.Contains(':', StringComparison.Ordinal) || text.Count(static c => c == '.') == 3;

    private readonly record struct Target(IPNetwork Network, HashSet<int>? Ports)
    {
        public bool Matches(IPAddress address, ushort port) =>
            Network.Contains(address) && (Ports is null || Ports.Contains(port));
    }
}
