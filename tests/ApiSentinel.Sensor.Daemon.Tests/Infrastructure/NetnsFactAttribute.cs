namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>
/// A fact that needs <see cref="NetworkNamespacePair"/>: skipped, with the reason, where network namespaces
/// cannot be created (not root, no iproute2). On the development machines and CI they can, so these run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (NetworkNamespacePair.UnavailableReason is string reason)
        {
            Skip = reason;
        }
    }
}
