namespace ApiSentinel.Sensor.Extraction;

/// <summary>What <see cref="NameScreen"/> decided about text found where a name belongs.</summary>
internal enum NameVerdict
{
    /// <summary>A name: may be echoed.</summary>
    Plain,

    /// <summary>An instance identifier (digits, UUID, hex): not data worth reporting, but not a name either.</summary>
    Identifier,

    /// <summary>A detector fired: the matches say what it is; never echoed.</summary>
    Sensitive,

    /// <summary>A digit chain or a random token: data of unknown type; never echoed.</summary>
    Opaque,
}
