using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>A private CA made in the test, and certificates it (or a stranger CA) issues, written as PEM files.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly List<X509Certificate2> _made = [];

    public TestCertificates(string directory)
    {
        Directory = directory;
        Ca = MakeCa("ApiSentinel test CA");
        CaFile = Path.Combine(directory, "ca.pem");
        File.WriteAllText(CaFile, Ca.ExportCertificatePem());
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var server = Issue(Ca, "127.0.0.1", serverKey, server: true);
        ServerCertFile = Path.Combine(directory, "server.pem");
        ServerKeyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(ServerCertFile, server.ExportCertificatePem());
        File.WriteAllText(ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public string CaFile { get; }

    public string ServerCertFile { get; }

    public string ServerKeyFile { get; }

    /// <summary>A client certificate (with its private key) issued by the test CA.</summary>
    public X509Certificate2 TrustedClient() => Client(Ca);

    /// <summary>A client certificate from a CA the collector was not told about.</summary>
    public X509Certificate2 StrangerClient() => Client(MakeCa("Stranger CA"));

    private X509Certificate2 Client(X509Certificate2 issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = Issue(issuer, "sensor-a", key, server: false);
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

    private X509Certificate2 Issue(X509Certificate2 issuer, string subject, ECDsa key, bool server)
    {
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
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
