using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ApiSentinel.Sensor.Daemon.Configuration;
using Grpc.Net.Client;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// The gRPC channel to the collector: h2c for http:// URLs, TLS for https:// — with the system's trust store, or only
/// <c>--collector-ca</c> when given, and a client certificate for mTLS. Certificates are loaded at start so a bad
/// file is a start-up error.
/// </summary>
internal static class CollectorChannel
{
    public static GrpcChannel Create(DaemonSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            // A dead collector must be noticed even when no batch is being written.
            KeepAlivePingDelay = TimeSpan.FromSeconds(20),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = false,
        };
        if (settings.CollectorCa is { } caFile)
        {
            var roots = LoadCertificates(OptionKeys.CollectorCa, caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                TrustedByCustomRoots(certificate, errors, roots);
        }
        if (settings.ClientCert is { } certFile && settings.ClientKey is { } keyFile)
        {
            handler.SslOptions.ClientCertificates = [LoadClientCertificate(certFile, keyFile)];
        }
        return GrpcChannel.ForAddress(settings.Collector, new GrpcChannelOptions
        {
            HttpHandler = handler,
            // Batches are ~512 calls of a few hundred bytes; the collector's config push is small.
            MaxReceiveMessageSize = 4 << 20,
        });
    }

    private static bool TrustedByCustomRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ||
            errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection LoadCertificates(string key, string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new OptionsException($"{CommandLineSwitches.SwitchFor(key)}: {path}: not a readable PEM certificate file", e);
        }
        if (collection.Count == 0)
        {
            throw new OptionsException($"{CommandLineSwitches.SwitchFor(key)}: {path}: no certificate in the file");
        }
        return collection;
    }

    private static X509Certificate2 LoadClientCertificate(string certFile, string keyFile)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // SslStream needs a certificate whose key is not ephemeral on some platforms; a PKCS#12 round trip gives one.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new OptionsException($"--client-cert/--client-key: {certFile}, {keyFile}: not a readable PEM certificate and key", e);
        }
    }
}
