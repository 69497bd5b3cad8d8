using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>
/// (A copy of tests/ApiSentinel.Sensor.Tests/Infrastructure/NetworkNamespacePair.cs: same prefix and lock file, so each
/// cleans up the other's leftovers safely.)
/// A private two-host network for live tests: one network namespace ("the server side") joined by a veth pair
/// to the root namespace ("the client side"). The test process itself is the client: it can connect to
/// <see cref="NamespaceAddress"/> and capture on <see cref="HostInterface"/> with no namespace switching, which
/// keeps the capture code identical to production. Servers run inside the namespace via
/// <see cref="StartInNamespace"/> (<c>ip netns exec NAME ...</c>).
/// </summary>
/// <remarks>
/// Addressing: the root-side end lives next to this machine's real interfaces, so it cannot use 192.0.2.0/24
/// (here that is eth0's own network and default gateway; a second route for it would break the machine's
/// networking). By default each pair takes a free /30 out of 198.51.100.0/24 (host .4k+1, namespace .4k+2),
/// chosen under a machine-wide lock file, so several test processes (parallel test runs of different
/// worktrees) never share a subnet. Addresses can be given explicitly instead.
/// Cleanup: <see cref="Dispose"/> deletes the namespace (which destroys the veth pair); creation first removes
/// leftovers of this prefix whose owning process (its id is part of the name) is gone, and never touches
/// another live process's pair.
/// </remarks>
public sealed partial class NetworkNamespacePair : IDisposable
{
    public const string NamespacePrefix = "apisent-";
    private const string InterfacePrefix = "asv";
    private const string LockFilePath = "/run/lock/apisentinel-netns.lock";

    private static int _sequence;
    private static readonly Lazy<string?> UnavailableReasonValue = new(ProbeAvailability);

    private bool _disposed;

    private NetworkNamespacePair(string name, string hostInterface, string namespaceInterface,
        IPAddress hostAddress, IPAddress namespaceAddress, int prefixLength)
    {
        Name = name;
        HostInterface = hostInterface;
        NamespaceInterface = namespaceInterface;
        HostAddress = hostAddress;
        NamespaceAddress = namespaceAddress;
        PrefixLength = prefixLength;
    }

    /// <summary>The namespace's name, for <c>ip netns exec</c>.</summary>
    public string Name { get; }

    /// <summary>The veth end in the root namespace; capture here to see both directions of the traffic.</summary>
    public string HostInterface { get; }

    /// <summary>The veth end inside the namespace.</summary>
    public string NamespaceInterface { get; }

    public IPAddress HostAddress { get; }

    public IPAddress NamespaceAddress { get; }

    public int PrefixLength { get; }

    /// <summary>Why live namespace tests cannot run here (not root, no <c>ip</c>, no netns support); null if they can.</summary>
    public static string? UnavailableReason => UnavailableReasonValue.Value;

    /// <summary>
    /// Creates the namespace and veth pair, addresses both ends and brings them (and the namespace's lo) up.
    /// Both addresses must be given together, or neither (then a free /30 in 198.51.100.0/24 is chosen).
    /// </summary>
    public static NetworkNamespacePair Create(IPAddress? hostAddress = null, IPAddress? namespaceAddress = null, int prefixLength = 30)
    {
        if (UnavailableReason is string reason)
        {
            throw new InvalidOperationException(reason);
        }
        if ((hostAddress is null) != (namespaceAddress is null))
        {
            throw new ArgumentException("give both addresses or neither");
        }
        RemoveStalePairs();

        int pid = Environment.ProcessId;
        int sequence = Interlocked.Increment(ref _sequence);
        string name = $"{NamespacePrefix}{pid}-{sequence}";
        // Interface names are limited to 15 characters: "asv" + pid (≤ 7 digits) + "h"/"n" + sequence.
        string hostInterface = $"{InterfacePrefix}{pid}h{sequence}";
        string namespaceInterface = $"{InterfacePrefix}{pid}n{sequence}";

        using var machineLock = AcquireMachineLock();
        if (hostAddress is null)
        {
            (hostAddress, namespaceAddress) = ChooseFreeSubnet();
        }
        var pair = new NetworkNamespacePair(name, hostInterface, namespaceInterface, hostAddress, namespaceAddress!, prefixLength);
        try
        {
            Ip("netns", "add", name);
            Ip("link", "add", hostInterface, "type", "veth", "peer", "name", namespaceInterface);
            Ip("link", "set", namespaceInterface, "netns", name);
            Ip("addr", "add", $"{hostAddress}/{prefixLength}", "dev", hostInterface);
            Ip("link", "set", hostInterface, "up");
            Ip("-n", name, "addr", "add", $"{namespaceAddress}/{prefixLength}", "dev", namespaceInterface);
            Ip("-n", name, "link", "set", namespaceInterface, "up");
            Ip("-n", name, "link", "set", "lo", "up");
        }
        catch
        {
            pair.Dispose();
            throw;
        }
        return pair;
    }

    /// <summary>Starts <paramref name="fileName"/> inside the namespace; output is redirected. The caller owns the process.</summary>
    public Process StartInNamespace(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "netns", "exec", Name, fileName }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName} in {Name}");
    }

    /// <summary>Runs a command inside the namespace to completion; returns its exit code and combined output.</summary>
    public (int ExitCode, string Output) RunInNamespace(string fileName, params string[] arguments)
    {
        using var process = StartInNamespace(fileName, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        // Deleting the namespace destroys its veth end and with it the root-side peer; the explicit link delete
        // covers a failure half-way through Create (veth made, not yet moved).
        TryIp("netns", "delete", Name);
        TryIp("link", "delete", HostInterface);
    }

    private static (IPAddress Host, IPAddress Namespace) ChooseFreeSubnet()
    {
        string inUse = Run("ip", "-o", "-4", "addr", "show").Output;
        for (int slot = 0; slot < 64; slot++)
        {
            string host = $"198.51.100.{slot * 4 + 1}";
            if (!Regex.IsMatch(inUse, $@"\binet {Regex.Escape(host)}/"))
            {
                return (IPAddress.Parse(host), IPAddress.Parse($"198.51.100.{slot * 4 + 2}"));
            }
        }
        throw new InvalidOperationException("no free /30 left in 198.51.100.0/24 for a test namespace pair");
    }

    /// <summary>Removes namespaces and root-side veths of this prefix whose owning process no longer exists.</summary>
    private static void RemoveStalePairs()
    {
        foreach (Match match in StaleNamespaceName().Matches(Run("ip", "netns", "list").Output))
        {
            if (!ProcessExists(match.Groups["pid"].Value))
            {
                TryIp("netns", "delete", match.Value);
            }
        }
        foreach (Match match in StaleInterfaceName().Matches(Run("ip", "-o", "link", "show").Output))
        {
            if (!ProcessExists(match.Groups["pid"].Value))
            {
                TryIp("link", "delete", match.Groups["name"].Value);
            }
        }
    }

    private static bool ProcessExists(string pid) =>
        int.Parse(pid, CultureInfo.InvariantCulture) == Environment.ProcessId || Directory.Exists($"/proc/{pid}");

    /// <summary>Serialises subnet choice and address assignment across processes (an exclusive open of one file).</summary>
    private static FileStream AcquireMachineLock()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(LockFilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static string? ProbeAvailability()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }
        if (Environment.UserName != "root")
        {
            return "network namespace tests need root (ip netns add)";
        }
        try
        {
            var (exitCode, output) = Run("ip", "netns", "list");
            return exitCode == 0 ? null : $"'ip netns list' failed: {output.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"the 'ip' command (iproute2) is not available: {e.Message}";
        }
    }

    private static void Ip(params string[] arguments)
    {
        var (exitCode, output) = Run("ip", arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', arguments)} failed ({exitCode}): {output.Trim()}");
        }
    }

    private static void TryIp(params string[] arguments) => Run("ip", arguments);

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"\bapisent-(?<pid>\d+)-\d+\b")]
    private static partial Regex StaleNamespaceName();

    [GeneratedRegex(@"^\d+:\s+(?<name>asv(?<pid>\d+)[hn]\d+)[@:]", RegexOptions.Multiline)]
    private static partial Regex StaleInterfaceName();
}
