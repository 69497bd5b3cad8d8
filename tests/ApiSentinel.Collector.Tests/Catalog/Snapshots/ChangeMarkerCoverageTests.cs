using System.Reflection;
using ApiSentinel.Collector.Catalog;

namespace ApiSentinel.Collector.Tests.Catalog.Snapshots;

/// <summary>
/// A tripwire: <see cref="EndpointContentHash"/> lists the snapshot's members by hand, so a new member it does not
/// encode would change without moving the change marker, and a sink writing only what changed would never write it.
/// </summary>
public class ChangeMarkerCoverageTests
{
    // Every public member of EndpointSnapshot, each encoded by EndpointContentHash (Identity and ChangeMarker are
    // functions of the rest; Exposure and IsStaticAsset are derived from encoded counts).
    private static readonly string[] Encoded =
    [
        "Key", "Identity", "ChangeMarker", "Template", "Requests", "StatusCodes", "NoResponse", "FirstSeenMicros",
        "LastSeenMicros", "Clients", "InternalClientCalls", "ExternalClientCalls", "UnknownClientCalls", "Exposure",
        "Servers", "AuthKinds", "AuthLocations", "JwtAlgorithms", "DistinctCredentials", "DistinctCredentialsCapped",
        "Sensitive", "AssetResponses", "ApiResponses", "DefiniteApiResponses", "IsStaticAsset", "Query",
        "RequestFields", "ResponseFields", "RequestHeaders", "ResponseHeaders", "RequestContentTypes",
        "ResponseContentTypes", "ClientTools", "TotalDurationMicros", "TimedCalls", "DroppedValues", "PlaintextCalls",
        "TlsCalls", "UnknownTransportCalls", "BasicOverPlaintextCalls", "Namespaces", "Workloads", "SpecState",
        "OperationId", "Violations", "Findings", "AccessIssues", "Risk",
        // read from encoded members: per-key parts of Sensitive, the key, the spec state, the transport counts and
        // the field, header and status sets
        "SensitiveOccurrences", "MaskedSamplesOf", "IsOverflow", "IsShadow", "TransportCalls", "Shape",
    ];

    [Fact]
    public void Every_snapshot_member_is_one_the_change_marker_encodes()
    {
        var members = typeof(EndpointSnapshot)
            .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo || m is MethodInfo { IsSpecialName: false })
            .Select(m => m.Name)
            .Where(n => n is not ("ToString" or "Equals" or "GetHashCode" or "<Clone>$" or "Deconstruct" or "PrintMembers"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var unlisted = members.Except(Encoded).ToList();
        Assert.True(unlisted.Count == 0,
            $"EndpointSnapshot gained {string.Join(", ", unlisted)}: encode it in EndpointContentHash.Of (so the change " +
            "marker moves when it does) and in ApiEndpoint's state export if it is live state, then list it here.");
        Assert.Empty(Encoded.Except(members));
    }
}
