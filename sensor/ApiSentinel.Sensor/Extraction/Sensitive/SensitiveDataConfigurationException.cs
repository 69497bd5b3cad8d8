namespace ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>Sensitive-data configuration that cannot be used: malformed JSON, an invalid regex, a missing name.</summary>
public sealed class SensitiveDataConfigurationException : Exception
{
    public SensitiveDataConfigurationException()
    {
    }

    public SensitiveDataConfigurationException(string message)
        : base(message)
    {
    }

    public SensitiveDataConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
