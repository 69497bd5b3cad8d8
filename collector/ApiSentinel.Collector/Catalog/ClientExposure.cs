namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Where a call's client stands relative to the cluster. <see cref="Unknown"/> is its own state, not a guess:
/// a HAR file records no client address, and scoring such a call as external (the old <c>0.0.0.0</c>) put +20
/// risk and false evidence on every endpoint of a browser recording.
/// </summary>
public enum ClientExposure
{
    Internal,
    External,
    Unknown,
}
