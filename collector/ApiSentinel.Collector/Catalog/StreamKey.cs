namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// One sensor process's sequence space: batch sequence numbers restart when a sensor restarts, so a stream is the
/// sensor's id together with the id of the process instance that numbered it.
/// </summary>
public readonly record struct StreamKey(string SensorId, string InstanceId)
{
    public override string ToString() => $"{SensorId}/{InstanceId}";
}
