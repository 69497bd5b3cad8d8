namespace ApiSentinel.Contract;

/// <summary><see cref="Transport"/> as every output names it: the one home of these strings.</summary>
public static class TransportNames
{
    public const string Plaintext = "plaintext";

    public const string Tls = "tls";

    public const string Unknown = "unknown";

    public static string Of(Transport transport) => transport switch
    {
        Transport.Plaintext => Plaintext,
        Transport.Tls => Tls,
        _ => Unknown,
    };
}
