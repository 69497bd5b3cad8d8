using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Cli.Output;

/// <summary>Writes exchange records to the command's output, one at a time, as they are emitted.</summary>
internal interface IExchangeWriter : IDisposable
{
    void Write(ExchangeRecord record);

    /// <summary>Flushes what is buffered. Called once, after the last record.</summary>
    void Complete();
}
