using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>What the fake collector does, changeable while it runs.</summary>
internal sealed class FakeCollectorBehaviour
{
    public string Token { get; set; } = FakeCollector.DefaultToken;

    /// <summary>Waits this long before each ack (a slow store).</summary>
    public TimeSpan AckDelay { get; set; }

    /// <summary>Store and ack only up to this many batches in total; later ones arrive but are neither stored nor
    /// acknowledged (lost, as in a crash before they were durable).</summary>
    public int? StoreLimit { get; set; }

    /// <summary>Aborts the connection when this many batches have arrived on it (a dropped connection).</summary>
    public int? AbortAfterBatches { get; set; }

    /// <summary>Stores batches but acknowledges them only when the sensor ends its request stream, just before the
    /// collector ends the call (acks that arrive at the very end of a stream).</summary>
    public bool AckOnlyAtEnd { get; set; }

    /// <summary>Fails the stream with FAILED_PRECONDITION on every batch (a batch it can never take).</summary>
    public bool RefuseBatches { get; set; }

    /// <summary>Answers the Hello (its ack) and then fails the stream with UNAVAILABLE.</summary>
    public bool FailAfterHello { get; set; }

    /// <summary>Sent to the sensor after its Hello (and after every later message while any remain).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<SensorConfig> ConfigsToPush { get; } = new();
}
