namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>What the upload queue does when it is full.</summary>
internal enum QueueFullPolicy
{
    /// <summary>Drop the oldest queued call (counted): live traffic cannot wait, so the newest is worth more.</summary>
    DropOldest,

    /// <summary>Make the producer wait: a capture file can, so replay loses nothing while the collector is slow.</summary>
    Wait,
}

/// <summary>The option values of <see cref="QueueFullPolicy"/>.</summary>
internal static class QueueFullPolicyNames
{
    public const string DropOldest = "drop-oldest";
    public const string Wait = "wait";

    public static bool TryParse(string value, out QueueFullPolicy policy)
    {
        switch (value)
        {
            case DropOldest:
                policy = QueueFullPolicy.DropOldest;
                return true;
            case Wait:
                policy = QueueFullPolicy.Wait;
                return true;
            default:
                policy = default;
                return false;
        }
    }
}
