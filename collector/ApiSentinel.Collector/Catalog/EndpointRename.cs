using ApiSentinel.Collector.Endpoints;
namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// An endpoint of the previous build that this build lists under another key: its template changed (more evidence,
/// a spec added or removed) or it was merged into another endpoint. A sink moves or deletes the resource named
/// <see cref="OldIdentity"/>; the data now lives under <see cref="NewIdentity"/>.
/// </summary>
public sealed record EndpointRename(EndpointKey OldKey, string OldIdentity, EndpointKey NewKey, string NewIdentity);
