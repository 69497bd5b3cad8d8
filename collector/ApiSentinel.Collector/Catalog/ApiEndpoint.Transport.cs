using ApiSentinel.Collector.Catalog.State;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// How an endpoint's calls travelled, and where its server runs: what the sources reported per call
/// (<see cref="ApiCall.Transport"/>, <see cref="ApiCall.Namespace"/>, <see cref="ApiCall.Workload"/>). The risk model
/// scores the clear text actually seen — the catalog once assumed every call was — and Basic credentials only where
/// they crossed the network readable. Per call: one switch and two length checks; no allocation.
/// </summary>
internal sealed partial class ApiEndpoint
{
    /// <summary>Calls seen in clear text (what a packet sensor parses).</summary>
    public long PlaintextCalls { get; private set; }

    /// <summary>Calls seen inside TLS (a proxy, an in-process hook, a HAR recorded over https).</summary>
    public long TlsCalls { get; private set; }

    /// <summary>Calls whose source could not tell: never claimed to be clear text.</summary>
    public long UnknownTransportCalls { get; private set; }

    /// <summary>Calls that sent Basic credentials — the password itself — in clear text.</summary>
    public long BasicOverPlaintextCalls { get; private set; }

    /// <summary>Kubernetes namespaces of the server, where a source knew them (none in embedded mode); bounded like every set.</summary>
    public SortedSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Kubernetes workloads of the server (<c>deployment/orders</c>), where a source knew them; bounded.</summary>
    public SortedSet<string> Workloads { get; } = new(StringComparer.Ordinal);

    // The last namespace and workload seen as members (see AddBounded): a server's calls repeat them.
    private string? _knownNamespace;
    private string? _knownWorkload;


    private void AddPlacement(ApiCall call)
    {
        switch (call.Transport)
        {
            case Transport.Plaintext:
                PlaintextCalls++;
                BasicOverPlaintextCalls += call.Auth == Contract.AuthKinds.Basic ? 1 : 0;
                break;
            case Transport.Tls:
                TlsCalls++;
                break;
            default:
                UnknownTransportCalls++;
                break;
        }
        if (call.Namespace.Length != 0)
        {
            AddBounded(Namespaces, call.Namespace, ref _knownNamespace);
        }
        if (call.Workload.Length != 0)
        {
            AddBounded(Workloads, call.Workload, ref _knownWorkload);
        }
    }

    private void MergePlacementFrom(ApiEndpoint other)
    {
        PlaintextCalls += other.PlaintextCalls;
        TlsCalls += other.TlsCalls;
        UnknownTransportCalls += other.UnknownTransportCalls;
        BasicOverPlaintextCalls += other.BasicOverPlaintextCalls;
        foreach (var name in other.Namespaces)
        {
            AddBounded(Namespaces, name, ref _knownNamespace);
        }
        foreach (var name in other.Workloads)
        {
            AddBounded(Workloads, name, ref _knownWorkload);
        }
    }

    /// <summary>State export of the placement aggregates (see <c>ApiEndpoint.State.cs</c>), in declaration order.</summary>
    private void WritePlacementState(StateWriter writer)
    {
        writer.WriteLong(PlaintextCalls);
        writer.WriteLong(TlsCalls);
        writer.WriteLong(UnknownTransportCalls);
        writer.WriteLong(BasicOverPlaintextCalls);
        writer.WriteStrings(Namespaces);
        writer.WriteStrings(Workloads);
    }

    private void ReadPlacementState(StateReader reader)
    {
        PlaintextCalls = reader.ReadNonNegative();
        TlsCalls = reader.ReadNonNegative();
        UnknownTransportCalls = reader.ReadNonNegative();
        BasicOverPlaintextCalls = reader.ReadNonNegative();
        reader.ReadStrings(Namespaces);
        reader.ReadStrings(Workloads);
    }
}
