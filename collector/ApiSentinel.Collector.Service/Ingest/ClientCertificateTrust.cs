using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiSentinel.Collector.Service.Configuration;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// mTLS: a sensor's client certificate is trusted when it chains to one of the <c>--client-ca</c> certificates (and
/// only those: the system roots are not consulted), is within its validity and allowed for client authentication.
/// Intermediate CAs are taken from what the sensor sent in the handshake (never downloaded: the collector makes no
/// outbound request on a client's behalf). The handshake accepts any certificate (<see cref="AcceptAndRecord"/>) and
/// keeps the verdict with the certificate; <see cref="SensorAuthentication"/> asks <see cref="IsTrusted"/> and
/// refuses the stream, counted: a failed handshake could be neither counted nor told apart from a network error.
/// </summary>
public sealed class ClientCertificateTrust
{
    private readonly X509Certificate2Collection _roots;

    // Weak: a verdict lives as long as its connection's certificate object (the one Kestrel exposes as the
    // connection's ClientCertificate), never longer.
    private readonly ConditionalWeakTable<X509Certificate2, StrongBox<bool>> _verdicts = [];

    public ClientCertificateTrust(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>Loads the PEM CA file; <see cref="StartupException"/> when it is unreadable or holds no certificate.</summary>
    public static ClientCertificateTrust Load(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new StartupException($"--client-ca {path} cannot be read: {e.Message}", e);
        }
        if (roots.Count == 0)
        {
            throw new StartupException($"--client-ca {path} holds no PEM certificate");
        }
        return new ClientCertificateTrust(roots);
    }

    /// <summary>Kestrel's client certificate callback: validates with the chain the client sent, records, accepts.</summary>
    public bool AcceptAndRecord(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        _verdicts.AddOrUpdate(certificate, new StrongBox<bool>(Validate(certificate, presented)));
        return true;
    }

    /// <summary>
    /// The handshake's verdict on <paramref name="certificate"/>; validated again (without the intermediates the client
    /// sent, so a chain needing them fails: never trusted by mistake) if the handshake recorded none.
    /// </summary>
    public bool IsTrusted(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _verdicts.TryGetValue(certificate, out var verdict) ? verdict.Value : Validate(certificate);
    }

    /// <param name="certificate">The client's certificate.</param>
    /// <param name="presented">The chain the TLS stack built for it, whose extra store holds the certificates the client sent.</param>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        // Sensor certificates are short-lived and issued by a private CA without revocation endpoints.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        return chain.Build(certificate);
    }
}
