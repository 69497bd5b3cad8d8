using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>
/// A private root CA made in the test, an intermediate CA it issues, and certificates they (or a stranger CA) issue,
/// written as PEM files. The server certificate is the intermediate's, its PEM file the bundle leaf + intermediate:
/// a client trusting only the root can verify it only if the server sends the intermediate.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly List<X509Certificate2> _made = [];

    public TestCertificates(string directory)
    {
        Directory = directory;
        Ca = MakeCa("ApiSentinel test CA");
        CaFile = Path.Combine(directory, "ca.pem");
        File.WriteAllText(CaFile, Ca.ExportCertificatePem());
        Intermediate = MakeIntermediate(Ca, "ApiSentinel test intermediate CA");
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = Issue(Intermediate, "127.0.0.1", serverKey, server: true);
        ServerCertFile = Path.Combine(directory, "server.pem");
        ServerKeyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(ServerCertFile, server.ExportCertificatePem() + "\n" + Intermediate.ExportCertificatePem());
        File.WriteAllText(ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public string CaFile { get; }

    /// <summary>Issued by <see cref="Ca"/>; not in <see cref="CaFile"/>.</summary>
    public X509Certificate2 Intermediate { get; }

    public string ServerCertFile { get; }

    public string ServerKeyFile { get; }

    /// <summary>A client certificate (with its private key) issued by the test CA, for <paramref name="name"/> (its CN, and a DNS SAN when given).</summary>
    public X509Certificate2 TrustedClient(string name = "sensor-a", string? dnsName = null) => Client(Ca, name, dnsName);

    /// <summary>A client certificate issued by <see cref="Intermediate"/>: the client must send the intermediate.</summary>
    public X509Certificate2 IntermediateClient(string name = "sensor-a") => Client(Intermediate, name, dnsName: null);

    /// <summary>A client certificate from a CA the collector was not told about.</summary>
    public X509Certificate2 StrangerClient(string name = "sensor-a") => Client(MakeCa("Stranger CA"), name, dnsName: null);

    private X509Certificate2 Client(X509Certificate2 issuer, string name, string? dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = Issue(issuer, name, key, server: false, dnsName);
        using var withKey = cert.CopyWithPrivateKey(key);
        // Through PKCS#12: TLS stacks want a persisted key, not an ephemeral one.
        return Keep(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
    }

    private X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return Keep(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
    }

    private X509Certificate2 MakeIntermediate(X509Certificate2 root, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var cert = request.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), RandomNumberGenerator.GetBytes(12));
        return Keep(cert.CopyWithPrivateKey(key));
    }

    private X509Certificate2 Issue(X509Certificate2 issuer, string subject, ECDsa key, bool server, string? dnsName = null)
    {
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server || dnsName is not null)
        {
            var names = new SubjectAlternativeNameBuilder();
            if (server)
            {
                names.AddIpAddress(IPAddress.Loopback);
            }
            if (dnsName is not null)
            {
                names.AddDnsName(dnsName);
            }
            request.CertificateExtensions.Add(names.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        return Keep(request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), serial));
    }

    private X509Certificate2 Keep(X509Certificate2 certificate)
    {
        _made.Add(certificate);
        return certificate;
    }

    public void Dispose() => _made.ForEach(c => c.Dispose());
}
