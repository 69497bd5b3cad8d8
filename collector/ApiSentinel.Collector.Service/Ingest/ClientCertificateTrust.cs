using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiSentinel.Collector.Service.Configuration;

namespace ApiSentinel.Collector.Service.Ingest;

/// <summary>
/// mTLS: a sensor's client certificate is trusted when it chains to one of the <c>--client-ca</c> certificates (and
/// only those: the system roots are not consulted), is within its validity and allowed for client authentication.
/// Kestrel calls <see cref="Validate"/> during the handshake, so an untrusted certificate never gets a stream.
/// </summary>
public sealed class ClientCertificateTrust
{
    private readonly X509Certificate2Collection _roots;

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

    public bool Validate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // Sensor certificates are short-lived and issued by a private CA without revocation endpoints.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        return chain.Build(certificate);
    }
}
